package io.supportkb.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Service;

import io.supportkb.indexing.LiveIndex;
import io.supportkb.indexing.StoredChunks;
import io.supportkb.ingestion.DocumentCatalog;
import io.supportkb.ingestion.DocumentStatus;
import io.supportkb.ingestion.DocumentView;
import io.supportkb.ingestion.IngestionRejected;
import io.supportkb.ml.index.DocumentHit;
import io.supportkb.ml.index.SearchMode;
import io.supportkb.ml.index.SearchRequest;
import io.supportkb.search.internal.CollectionGuard;
import io.supportkb.search.internal.Highlighter;
import io.supportkb.search.internal.QueryText;
import io.supportkb.shared.ConditionalOnRole;
import io.supportkb.shared.Role;
import io.supportkb.shared.UuidV7;

/**
 * Explains one document's fate for one query: whether it exists and is indexed, whether the filters exclude it,
 * its rank and score in kNN and BM25 search (searching {@code supportkb.search.explain-candidates} chunks deep, so
 * far below the topK), its exact best cosine over its stored embeddings, and whether the query as sent returns it.
 */
@Service
@ConditionalOnRole(Role.API)
public class ExplainService {

    private final QueryService queries;
    private final LiveIndex index;
    private final DocumentCatalog documents;
    private final StoredChunks storedChunks;
    private final CollectionGuard collections;
    private final Highlighter highlighter;
    private final SearchProperties properties;

    ExplainService(QueryService queries, LiveIndex index, DocumentCatalog documents, StoredChunks storedChunks,
                   CollectionGuard collections, Highlighter highlighter, SearchProperties properties) {
        this.queries = queries;
        this.index = index;
        this.documents = documents;
        this.storedChunks = storedChunks;
        this.collections = collections;
        this.highlighter = highlighter;
        this.properties = properties;
    }

    public Explanation explain(String collection, ExplainRequest request) {
        collections.require(collection);
        if (!UuidV7.isWellFormed(request.documentId())) {
            throw SearchRejected.invalidField("documentId", "documentId is a document id (a UUID).");
        }
        String text = QueryText.normalise(request.query());
        if (text.isEmpty()) {
            throw SearchRejected.invalidField("query", "The query is empty or only whitespace.");
        }
        queries.requireWithinTokenLimit(text);
        long generation = index.collectionGeneration(collection);
        int candidates = properties.explainCandidates();
        DocumentView doc = find(collection, request.documentId());
        if (doc == null) {
            return new Explanation(collection, request.documentId(), request.query(), request.mode(), request.topK(),
                    new Explanation.DocumentState(false, null, false, false, null, null, null, List.of(), null, null,
                            null, null, null),
                    new Explanation.FilterCheck(false, List.of()), null, null, null, false, false, null, null,
                    candidates, generation, "No document '" + request.documentId() + "' in collection '"
                            + collection + "'.");
        }
        List<String> excludedBy = excludedBy(doc, request.filters());
        boolean indexed = doc.status() == DocumentStatus.INDEXED;

        float[] vector = queries.embed(text);
        List<StoredChunks.StoredChunk> chunks = indexed ? storedChunks.ofDocument(doc.id()) : List.of();
        Best best = bestByCosine(chunks, vector);
        DocumentHit hit = null;
        if (indexed) {
            QueryFilters filters = excludedBy.isEmpty() ? request.filters() : QueryFilters.none();
            hit = index.search(new SearchRequest(collection, text, vector, SearchMode.HYBRID, candidates, 1,
                    filters.toIndexFilters(), candidates, queries.feedback())).hits().stream()
                    .filter(h -> h.documentId().equals(request.documentId())).findFirst().orElse(null);
        }
        List<String> terms = indexed ? termsInDocument(doc, chunks, text) : List.of();
        Explanation.Evidence vectorEvidence = indexed ? new Explanation.Evidence(
                hit == null ? null : hit.scores().vectorRank(), best == null ? null : best.cosine,
                best == null ? null : best.chunk.ordinal(), null) : null;
        Explanation.Evidence keywordEvidence = indexed ? new Explanation.Evidence(
                hit == null ? null : hit.scores().bm25Rank(), hit == null ? null : hit.scores().bm25Score(),
                hit == null || hit.scores().bm25Rank() == null ? null : hit.chunks().getFirst().ordinal(), terms)
                : null;
        Integer rank = hit == null ? null : switch (request.mode()) {
            case HYBRID -> Integer.valueOf(hit.rank());
            case VECTOR -> hit.scores().vectorRank();
            case KEYWORD -> hit.scores().bm25Rank();
        };

        Integer resultRank = null;
        if (indexed && excludedBy.isEmpty()) {
            QueryResult result = queries.rerun(collection,
                    new QueryRequest(request.query(), request.topK(), request.mode(), request.filters(), 1));
            resultRank = result.hits().stream().filter(h -> h.documentId().equals(request.documentId()))
                    .map(QueryHit::rank).findFirst().orElse(null);
        }
        MatchedChunk bestChunk = bestChunk(hit, best, text);
        Explanation.DocumentState state = new Explanation.DocumentState(true, doc.status().name(), indexed,
                hit != null, doc.externalId(), doc.title(), doc.kind() == null ? null : doc.kind().toLowerCase(Locale.ROOT),
                doc.tags() == null ? List.of() : doc.tags(), doc.language(), doc.updatedAt(), doc.chunkCount(),
                doc.lastError(), doc.replacedBy());
        String verdict = verdict(doc, request, excludedBy, rank, resultRank, hit, best, candidates);
        return new Explanation(collection, request.documentId(), request.query(), request.mode(), request.topK(),
                state, new Explanation.FilterCheck(!excludedBy.isEmpty(), excludedBy), vectorEvidence,
                keywordEvidence, rank, !excludedBy.isEmpty(), resultRank != null, resultRank, bestChunk, candidates,
                generation, verdict);
    }

    private DocumentView find(String collection, String documentId) {
        try {
            return documents.get(collection, documentId);
        } catch (IngestionRejected e) {
            if (e.reason() == IngestionRejected.Reason.UNKNOWN_DOCUMENT) {
                return null;
            }
            throw e;
        }
    }

    /** The same predicates the index applies, evaluated on the catalog's view of the document. */
    static List<String> excludedBy(DocumentView doc, QueryFilters filters) {
        List<String> reasons = new ArrayList<>();
        String kind = doc.kind() == null ? "" : doc.kind().toLowerCase(Locale.ROOT);
        if (!filters.kind().isEmpty() && !filters.kind().contains(kind)) {
            reasons.add("kind: the document is '" + kind + "', the filter allows " + filters.kind() + ".");
        }
        List<String> tags = doc.tags() == null ? List.of() : doc.tags();
        if (!filters.tags().isEmpty() && filters.tags().stream().noneMatch(tags::contains)) {
            reasons.add("tags: the document has " + tags + ", the filter needs one of " + filters.tags() + ".");
        }
        if (filters.language() != null && !filters.language().equals(doc.language())) {
            reasons.add("language: the document's is " + (doc.language() == null ? "not set" : "'" + doc.language()
                    + "'") + ", the filter needs '" + filters.language() + "'.");
        }
        Instant updated = doc.updatedAt();
        if (filters.updatedAfter() != null && (updated == null || !updated.isAfter(filters.updatedAfter()))) {
            reasons.add("updatedAfter: the document was updated at " + updated + ", not after "
                    + filters.updatedAfter() + ".");
        }
        return reasons;
    }

    private record Best(StoredChunks.StoredChunk chunk, float cosine) {
    }

    /** Exact cosine of every stored chunk embedding of the query's model (vectors are L2-normalised). */
    private Best bestByCosine(List<StoredChunks.StoredChunk> chunks, float[] query) {
        Best best = null;
        for (StoredChunks.StoredChunk chunk : chunks) {
            if (chunk.embedding() == null || !queries.modelId().equals(chunk.modelId())
                    || chunk.embedding().length != query.length) {
                continue;
            }
            float cosine = cosine(query, chunk.embedding());
            if (best == null || cosine > best.cosine) {
                best = new Best(chunk, cosine);
            }
        }
        return best;
    }

    private static float cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return (float) (dot / Math.sqrt(na * nb));
    }

    private List<String> termsInDocument(DocumentView doc, List<StoredChunks.StoredChunk> chunks, String text) {
        List<String> terms = highlighter.queryTerms(text);
        Set<String> found = new LinkedHashSet<>();
        if (doc.title() != null) {
            found.addAll(highlighter.matchedTerms(doc.title(), terms));
        }
        for (StoredChunks.StoredChunk chunk : chunks) {
            found.addAll(highlighter.matchedTerms(chunk.text(), terms));
            if (chunk.context() != null) {
                found.addAll(highlighter.matchedTerms(chunk.context(), terms));
            }
        }
        return terms.stream().filter(found::contains).toList();
    }

    private MatchedChunk bestChunk(DocumentHit hit, Best best, String text) {
        if (hit != null) {
            var chunk = hit.chunks().getFirst();
            return new MatchedChunk(chunk.ordinal(), chunk.text(), chunk.charStart(), chunk.charEnd(),
                    highlighter.highlight(chunk.text(), chunk.scores().matchedTerms()), Scores.of(chunk.scores()));
        }
        if (best != null) {
            var chunk = best.chunk;
            return new MatchedChunk(chunk.ordinal(), chunk.text(), chunk.charStart(), chunk.charEnd(),
                    highlighter.highlight(chunk.text(), highlighter.queryTerms(text)),
                    new Scores(best.cosine, null, null, null, best.cosine));
        }
        return null;
    }

    private String verdict(DocumentView doc, ExplainRequest request, List<String> excludedBy, Integer rank,
                           Integer resultRank, DocumentHit hit, Best best, int candidates) {
        DocumentStatus status = doc.status();
        if (status == DocumentStatus.DELETED) {
            return "Not returned: the document is DELETED" + (doc.replacedBy() != null ? " (replaced by "
                    + doc.replacedBy() + ")" : doc.duplicateOf() != null ? " (a duplicate of " + doc.duplicateOf()
                    + ")" : "") + "; deleted documents are never returned.";
        }
        if (status == DocumentStatus.FAILED) {
            return "Not returned: indexing FAILED (" + doc.lastError() + "); retry with documents:retry-failed.";
        }
        if (status != DocumentStatus.INDEXED) {
            return "Not returned: the document is " + status + ", not indexed yet.";
        }
        if (!excludedBy.isEmpty()) {
            return "Not returned: the filters exclude it (" + String.join(" ", excludedBy) + ")"
                    + (rank == null ? "" : " Without them it would rank " + rank + " in " + request.mode().wireName()
                    + " search.");
        }
        if (resultRank != null) {
            return "Returned at rank " + resultRank + " of " + request.topK() + ".";
        }
        if (rank != null) {
            return "Not returned: it ranks " + rank + " in " + request.mode().wireName() + " search and topK is "
                    + request.topK() + ".";
        }
        String cosine = best == null ? "" : String.format(Locale.ROOT, " (its best cosine is %.3f)", best.cosine);
        double lag = index.lag();
        String behind = lag > 0 ? " This node's index is " + (long) lag + " changes behind the database." : "";
        if (hit != null) {
            return "Not returned: in " + request.mode().wireName() + " search it is not among the " + candidates
                    + " best chunks" + cosine + "." + behind;
        }
        return "Not returned: neither kNN nor BM25 has it among their " + candidates + " best chunks" + cosine
                + "." + behind;
    }
}
