package io.supportkb.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import io.supportkb.answering.AnswerService;
import io.supportkb.indexing.LiveIndex;
import io.supportkb.ml.answer.AnswerRequest;
import io.supportkb.ml.answer.GroundedAnswer;
import io.supportkb.ml.answer.Passage;
import io.supportkb.ml.embed.Embedder;
import io.supportkb.ml.embed.InputTooLongException;
import io.supportkb.ml.index.ChunkHit;
import io.supportkb.ml.index.DocumentHit;
import io.supportkb.ml.index.SearchRequest;
import io.supportkb.ml.index.SearchResult;
import io.supportkb.ml.index.VectorFeedback;
import io.supportkb.search.internal.CacheKeys;
import io.supportkb.search.internal.CachedHits;
import io.supportkb.search.internal.CollectionGuard;
import io.supportkb.search.internal.DocumentLabels;
import io.supportkb.search.internal.Highlighter;
import io.supportkb.search.internal.QueryText;
import io.supportkb.search.internal.SearchCaches;
import io.supportkb.search.internal.StageClock.Stage;
import io.supportkb.shared.ConditionalOnRole;
import io.supportkb.shared.Role;
import io.supportkb.shared.UuidV7;

/**
 * The query pipeline: normalise → result cache → embed (embedding cache) → retrieve (kNN + BM25 + fusion in the
 * {@link LiveIndex}) → assemble (external ids, highlights, no-good-match) → answer (when asked; {@link AnswerService})
 * → cache store → {@link QueryAnswered}.
 * Each stage is an {@link Observation} named {@code supportkb.search.<stage>} inside {@code supportkb.search.query}
 * (low-cardinality keys: {@code mode}, {@code cache}); the response's timings are those observations' durations.
 * Thread-safe and stateless apart from the caches.
 */
@Service
@ConditionalOnRole(Role.API)
public class QueryService {

    private static final Logger log = LoggerFactory.getLogger(QueryService.class);

    private final LiveIndex index;
    private final Embedder embedder;
    private final SearchCaches caches;
    private final Highlighter highlighter;
    private final DocumentLabels labels;
    private final CollectionGuard collections;
    private final SearchProperties properties;
    private final ObservationRegistry observations;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<Tracer> tracer;
    private final AnswerService answers;
    private final IndexSteps indexSteps;
    private final int maxQueryTokens;
    private final VectorFeedback feedback;

    QueryService(LiveIndex index, Embedder embedder, SearchCaches caches, Highlighter highlighter,
                 DocumentLabels labels, CollectionGuard collections, SearchProperties properties,
                 ObservationRegistry observations, ApplicationEventPublisher events, ObjectProvider<Tracer> tracer,
                 AnswerService answers, MeterRegistry meters) {
        this.index = index;
        this.embedder = embedder;
        this.caches = caches;
        this.highlighter = highlighter;
        this.labels = labels;
        this.collections = collections;
        this.properties = properties;
        this.observations = observations;
        this.events = events;
        this.tracer = tracer;
        this.answers = answers;
        this.indexSteps = new IndexSteps(meters);
        String prefix = properties.queriesAsPassages() ? embedder.model().passagePrefix()
                : embedder.model().queryPrefix();
        this.maxQueryTokens = embedder.model().maxTokens() - 2 - (prefix.isEmpty() ? 0 : embedder.countTokens(prefix));
        this.feedback = properties.feedback().toIndex();
    }

    /** Answers a query, from the result cache when possible, and publishes {@link QueryAnswered} for its trace. */
    public QueryResult query(String collection, QueryRequest request, String caller) {
        return query(collection, request, caller, AnswerStream.NONE);
    }

    /**
     * Answers a query and reports its progress to {@code stream} (hits first, then the answer's text as it is
     * generated), for Server-Sent Events.
     */
    public QueryResult query(String collection, QueryRequest request, String caller, AnswerStream stream) {
        Instant at = Instant.now();
        Answer answer = run(collection, request, true, stream);
        String traceId = UuidV7.next();
        QueryResult result = answer.toResult(collection, request, traceId, embedder.model().id());
        log.debug("query {} on {}: {} hits, cache {}, {} ms", traceId, collection, result.hits().size(),
                result.cache().wireName(), result.timings().totalMs());
        events.publishEvent(new QueryAnswered(traceId, at, collection, caller, request, answer.cacheHit,
                result.modelId(), answer.generation, result.timings(), result.noGoodMatch(), result.hits(),
                otelTraceId(), result.answer()));
        return result;
    }

    /** Runs a query against today's index without the result cache and without a trace (replays, explain). */
    public QueryResult rerun(String collection, QueryRequest request) {
        return run(collection, request.withoutAnswer(), false, AnswerStream.NONE).toResult(collection, request, null, embedder.model().id());
    }

    /** Fails with a problem detail unless the collection exists (checked before a stream starts). */
    public void requireCollection(String collection) {
        collections.require(collection);
    }

    /** The model id every result and cache key is tied to. */
    public String modelId() {
        return embedder.model().id();
    }

    /** The most tokens a query may have: the model's limit less special tokens and the query prefix. */
    public int maxQueryTokens() {
        return maxQueryTokens;
    }

    private Answer run(String collection, QueryRequest request, boolean useCache, AnswerStream stream) {
        Stage total = new Stage();
        Observation query = Observation.createNotStarted("supportkb.search.query", () -> total, observations)
                .lowCardinalityKeyValue("mode", request.mode().wireName());
        Answer answer = query.observe(() -> {
            Answer a = answer(collection, request, useCache, stream);
            query.lowCardinalityKeyValue("cache", a.cacheHit ? "hit" : "miss");
            return a;
        });
        answer.total = total;
        return answer;
    }

    private Answer answer(String collection, QueryRequest request, boolean useCache, AnswerStream stream) {
        collections.require(collection);
        Answer answer = new Answer();
        String text = stage("normalise", answer.normalise, KeyValues.empty(), () -> QueryText.normalise(request.query()));
        if (text.isEmpty()) {
            throw SearchRejected.invalidField("query", "The query is empty or only whitespace.");
        }
        requireWithinTokenLimit(text);
        answer.generation = index.collectionGeneration(collection);
        String key = useCache ? CacheKeys.result(collection, answer.generation,
                modelId(), indexSettings(), request, text, answererId(request)) : null;
        if (useCache) {
            CachedHits cached = stage("cache", answer.cacheLookup, KeyValues.of("operation", "get"),
                    () -> caches.result(key).orElse(null));
            if (cached != null) {
                answer.hits = cached;
                answer.cacheHit = true;
                if (cached.answer() != null) {
                    stream.hits(cached.hits(), cached.noGoodMatch());
                    stream.token(cached.answer().text());
                }
                return answer;
            }
        }
        float[] vector = null;
        if (request.mode().usesVectors()) {
            answer.embed = new Stage();
            vector = stage("embed", answer.embed, KeyValues.empty(), () -> embed(text));
        }
        answer.retrieve = new Stage();
        SearchRequest search = new SearchRequest(collection, text, vector, request.mode().toIndexMode(),
                request.topK(), request.chunksPerDocument(), request.filters().toIndexFilters(), 0, feedback);
        SearchResult found = stage("retrieve", answer.retrieve, KeyValues.of("mode", request.mode().wireName()),
                () -> index.search(search));
        answer.index = found.timings();
        indexSteps.record(found.timings(), request.mode());
        answer.assemble = new Stage();
        answer.hits = stage("assemble", answer.assemble, KeyValues.empty(),
                () -> assemble(collection, found.hits(), request.mode()));
        if (request.answer()) {
            stream.hits(answer.hits.hits(), answer.hits.noGoodMatch());
            answer.answering = new Stage();
            float[] questionVector = vector;
            GroundedAnswer grounded = stage("answer", answer.answering, KeyValues.empty(),
                    () -> answers.answer(new AnswerRequest(request.query(), questionVector,
                            passages(answer.hits.hits()), answer.hits.noGoodMatch(),
                            answer.hits.noGoodMatchReason()), stream::token));
            answer.hits = answer.hits.withAnswer(grounded);
        }
        if (useCache && (answer.hits.answer() == null || answer.hits.answer().cacheable())) {
            answer.cacheStore = new Stage();
            stage("cache", answer.cacheStore, KeyValues.of("operation", "put"), () -> {
                caches.putResult(key, answer.hits);
                return null;
            });
        }
        return answer;
    }

    /** What besides the model the ranking depends on: the index settings, how queries are embedded, feedback. */
    private String indexSettings() {
        return index.config() + (properties.queriesAsPassages() ? "|queries-as-passages" : "")
                + (feedback == null ? "" : "|" + feedback);
    }

    /** The kNN retriever's pseudo-relevance feedback, {@code null} when off; explain searches with it too. */
    VectorFeedback feedback() {
        return feedback;
    }

    /** The answerer's identity when an answer is asked for: answers depend on it, so it is part of the cache key. */
    private String answererId(QueryRequest request) {
        return request.answer() ? answers.answererName() + ":" + answers.modelId() : null;
    }

    /** The chunks of the hits in rank order, numbered as the answer cites them, at most the answerer's maximum. */
    private List<Passage> passages(List<QueryHit> hits) {
        List<Passage> passages = new ArrayList<>();
        for (QueryHit hit : hits) {
            for (MatchedChunk chunk : hit.chunks()) {
                if (passages.size() == answers.maxPassages()) {
                    return passages;
                }
                passages.add(new Passage(passages.size() + 1, hit.documentId(), hit.title(), chunk.ordinal(),
                        chunk.text(), chunk.charStart()));
            }
        }
        return passages;
    }

    /** The query's embedding, from the embedding cache or the model. {@code text} is normalised. */
    float[] embed(String text) {
        String key = CacheKeys.embedding(properties.queriesAsPassages() ? modelId() + "|as-passage" : modelId(), text);
        float[] cached = caches.embedding(key).orElse(null);
        if (cached != null) {
            return cached;
        }
        float[] vector;
        try {
            vector = properties.queriesAsPassages() ? embedder.embedQueryAsPassage(text) : embedder.embedQuery(text);
        } catch (InputTooLongException e) {
            throw SearchRejected.queryTooLong(maxQueryTokens, "tokens", e.tokens() - (e.limit() - maxQueryTokens));
        }
        caches.putEmbedding(key, vector);
        return vector;
    }

    /** Queries that could exceed the model's token limit are counted (a token covers at least one character). */
    void requireWithinTokenLimit(String text) {
        if (text.length() > maxQueryTokens / 2) {
            int tokens = embedder.countTokens(text);
            if (tokens > maxQueryTokens) {
                throw SearchRejected.queryTooLong(maxQueryTokens, "tokens", tokens);
            }
        }
    }

    private CachedHits assemble(String collection, List<DocumentHit> documents, QueryMode mode) {
        List<QueryHit> hits = new ArrayList<>(documents.size());
        for (DocumentHit document : documents) {
            List<MatchedChunk> chunks = new ArrayList<>(document.chunks().size());
            for (ChunkHit chunk : document.chunks()) {
                chunks.add(new MatchedChunk(chunk.ordinal(), chunk.text(), chunk.charStart(), chunk.charEnd(),
                        highlighter.highlight(chunk.text(), chunk.scores().matchedTerms()), Scores.of(chunk.scores())));
            }
            hits.add(new QueryHit(document.rank(), document.documentId(),
                    labels.externalId(collection, document.documentId()), blankToNull(document.title()),
                    document.kind(), Scores.of(document.scores()), document.scores().matchedTerms(), chunks));
        }
        return MatchQuality.judge(hits, mode, modelId(), properties.noGoodMatch().threshold(modelId()));
    }

    private <T> T stage(String name, Stage context, KeyValues keys, Supplier<T> work) {
        return Observation.createNotStarted("supportkb.search." + name, () -> context, observations)
                .lowCardinalityKeyValues(keys).observe(work);
    }

    private String otelTraceId() {
        Tracer t = tracer.getIfAvailable();
        Span span = t == null ? null : t.currentSpan();
        return span == null ? null : span.context().traceId();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** One query's outcome and its stage contexts (read after the observations stopped). */
    private static final class Answer {
        final Stage normalise = new Stage();
        final Stage cacheLookup = new Stage();
        Stage cacheStore;
        Stage embed;
        Stage retrieve;
        Stage assemble;
        Stage answering;
        Stage total;
        SearchResult.Timings index;
        CachedHits hits;
        boolean cacheHit;
        long generation;

        QueryResult toResult(String collection, QueryRequest request, String traceId, String modelId) {
            StageTimings timings = new StageTimings(ms(normalise), ms(cacheLookup) + ms(cacheStore), msOrNull(embed),
                    msOrNull(retrieve), msOrNull(assemble), ms(total), msOrNull(answering),
                    index == null || index.vectorNanos() == 0 ? null : ms(index.vectorNanos()),
                    index == null || index.keywordNanos() == 0 ? null : ms(index.keywordNanos()),
                    index == null ? null : ms(index.fetchNanos()), index == null ? null : ms(index.fuseNanos()));
            return new QueryResult(collection, request.query(), request.mode(), request.topK(), hits.hits(),
                    hits.noGoodMatch(), hits.noGoodMatchReason(), hits.bestCosine(), CacheOutcome.of(cacheHit),
                    traceId, generation, modelId, timings, hits.answer());
        }

        private static double ms(Stage stage) {
            return stage == null || Double.isNaN(stage.millis()) ? 0 : Math.round(stage.millis() * 1000) / 1000.0;
        }

        private static double ms(long nanos) {
            return Math.round(nanos / 1000.0) / 1000.0;
        }

        private static Double msOrNull(Stage stage) {
            return stage == null ? null : ms(stage);
        }
    }

    static Float bestCosine(List<QueryHit> hits) {
        return hits.stream().map(h -> h.scores().vectorCosine()).filter(Objects::nonNull).max(Float::compare)
                .orElse(null);
    }
}
