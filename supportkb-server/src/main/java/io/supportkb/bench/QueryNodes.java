package io.supportkb.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.supportkb.indexing.IndexChangeLog;
import io.supportkb.indexing.LiveIndex;
import io.supportkb.ml.bench.MachineInfo;
import io.supportkb.ml.chunk.Chunker;
import io.supportkb.ml.embed.Embedder;
import tools.jackson.databind.JsonNode;

/**
 * The two API nodes the query benchmark measures, both in this JVM on one database: the <em>uncached</em> node
 * (api + worker, {@code supportkb.search.cache.backend=none}: no result and no query-embedding cache, so every query
 * is a real miss) ingests the corpus over HTTP; then the <em>cached</em> node (api only, the mode's cache: Caffeine
 * embedded, Redis in production) starts on the same database and builds its own Lucene index from the stored
 * embeddings, as a scaled-out API node does. One ingest serves both paths.
 */
final class QueryNodes implements AutoCloseable {

    static final String COLLECTION = "bench-query";

    /**
     * What was indexed, as the server reports it.
     *
     * @param plannedChunks    chunks the uncached node's {@link Chunker} makes of the uploaded documents
     * @param databaseChunks   sum of {@code chunkCount} over the collection's INDEXED documents ({@code GET documents})
     * @param uncachedChunks   chunks of the collection in the uncached node's Lucene index
     * @param cachedChunks     the same in the cached node's index
     * @param searchableNanos  first upload request until the uncached node's index applied the last change
     * @param followerNanos    start of the cached node, including building its index from the database
     */
    record Facts(int uploaded, KbHttp.Uploaded answered, int indexedDocuments, int plannedChunks, int databaseChunks,
                 int uncachedChunks, int cachedChunks, long searchableNanos, long followerNanos, String modelId,
                 String indexConfig) {

        double chunksPerSecond() {
            return databaseChunks / (searchableNanos / 1e9);
        }
    }

    private final InProcessServer uncached;
    private InProcessServer cached;
    private Facts facts;

    private QueryNodes(InProcessServer uncached) {
        this.uncached = uncached;
    }

    /**
     * Starts both nodes and ingests the fewest leading documents of {@code work} that reach {@code minChunks}.
     *
     * @param properties extra server properties for both nodes (the chunk budget among them)
     */
    static QueryNodes start(ServerMode mode, String run, InProcessServer.Services services, List<String> properties,
                            QueryWorkload work, int minChunks, int batchLines, Duration timeout)
            throws IOException, InterruptedException {
        List<String> uncachedProperties = new ArrayList<>(properties);
        uncachedProperties.add("supportkb.search.cache.backend=none");
        QueryNodes nodes = new QueryNodes(InProcessServer.start(mode, run + "_off", services, uncachedProperties,
                false));
        try {
            nodes.ingest(run, work, minChunks, batchLines, properties, timeout);
            return nodes;
        } catch (RuntimeException | IOException | InterruptedException e) {
            nodes.close();
            throw e;
        }
    }

    private void ingest(String run, QueryWorkload work, int minChunks, int batchLines, List<String> properties,
                        Duration timeout) throws IOException, InterruptedException {
        Chunker chunker = uncached.bean(Chunker.class);
        QueryWorkload.Cut cut = work.cutAt(minChunks, d -> chunker.chunk(d.title().isBlank() ? null : d.title(),
                d.text(), d.sourceFormat()).size());
        QueryBenchmark.log("%d documents make %d chunks with the server's chunker; uploading (%s)",
                cut.documents().size(), cut.chunks(), uncached.stateDescription());
        LiveIndex index = uncached.bean(LiveIndex.class);
        KbHttp http = new KbHttp(uncached.port());
        http.createCollection(COLLECTION);
        KbHttp.Uploaded answered = new KbHttp.Uploaded(0, 0, 0);
        long start;
        long searchable;
        try (SearchableClock clock = new SearchableClock(index, uncached.bean(IndexChangeLog.class))) {
            start = System.nanoTime();
            for (int from = 0; from < cut.documents().size(); from += batchLines) {
                answered = answered.plus(http.upload(COLLECTION, cut.documents().subList(from,
                        Math.min(from + batchLines, cut.documents().size())).stream()
                        .map(BenchDocument::toJsonLine).toList()));
            }
            QueryBenchmark.log("uploaded: %s; indexing", answered);
            searchable = clock.awaitSearchable(http, COLLECTION, new SearchableClock.Expected(answered.accepted(), 0),
                    timeout, new Progress(start, answered.accepted())::report);
        }
        List<JsonNode> indexed = http.documents(COLLECTION, "INDEXED");
        int databaseChunks = indexed.stream().mapToInt(d -> d.path("chunkCount").asInt()).sum();
        QueryBenchmark.log("searchable after %.0f s: %d documents, %d chunks; starting the cached node",
                (searchable - start) / 1e9, indexed.size(), databaseChunks);
        long followed = follow(run, properties, timeout);
        facts = new Facts(cut.documents().size(), answered, indexed.size(), cut.chunks(), databaseChunks,
                index.chunkCount(COLLECTION), cached.bean(LiveIndex.class).chunkCount(COLLECTION), searchable - start,
                followed, uncached.bean(Embedder.class).model().id(), index.config().toString());
    }

    /** Starts the cached node and waits until its index holds every chunk; returns how long that took. */
    private long follow(String run, List<String> properties, Duration timeout)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        cached = InProcessServer.follower(uncached, run + "_on", properties);
        LiveIndex leader = uncached.bean(LiveIndex.class);
        LiveIndex follower = cached.bean(LiveIndex.class);
        while (follower.chunkCount(COLLECTION) < leader.chunkCount(COLLECTION)) {
            if (System.nanoTime() - start > timeout.toNanos()) {
                throw new IllegalStateException("the cached node has " + follower.chunkCount(COLLECTION)
                        + " chunks after " + timeout + ", the uncached one " + leader.chunkCount(COLLECTION));
            }
            Thread.sleep(200);
        }
        long took = System.nanoTime() - start;
        QueryBenchmark.log("cached node up with %d chunks after %.0f s (%s)", follower.chunkCount(COLLECTION),
                took / 1e9, cached.stateDescription());
        return took;
    }

    /** Logs a progress line at most every 30 s while the collection is being indexed. */
    private static final class Progress {
        private final long start;
        private final long expected;
        private long lastLine;

        Progress(long start, long expected) {
            this.start = start;
            this.expected = expected;
            this.lastLine = start;
        }

        void report(JsonNode stats) {
            long now = System.nanoTime();
            if (now - lastLine < 30_000_000_000L) {
                return;
            }
            lastLine = now;
            QueryBenchmark.log("indexing: %d/%d documents INDEXED after %.0f s, %.1f chunks/s, ETA %s s, load %s",
                    stats.path("documents").path("INDEXED").asLong(), expected, (now - start) / 1e9,
                    stats.path("chunksPerSecond").asDouble(), stats.path("etaSeconds").asString("?"),
                    MachineInfo.loadAverageNow());
        }
    }

    InProcessServer uncached() {
        return uncached;
    }

    InProcessServer cached() {
        return cached;
    }

    Facts facts() {
        return facts;
    }

    @Override
    public void close() {
        if (cached != null) {
            cached.close();
        }
        uncached.close();
    }
}
