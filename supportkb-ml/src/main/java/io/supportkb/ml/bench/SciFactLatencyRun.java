package io.supportkb.ml.bench;

import static io.supportkb.ml.bench.SearchBenchmark.log;
import static io.supportkb.ml.bench.SearchBenchmark.ms;

import io.supportkb.ml.bench.AlternatingRounds.Contender;
import io.supportkb.ml.bench.AlternatingRounds.Timings;
import io.supportkb.ml.bench.BenchReport.Table;
import io.supportkb.ml.chunk.Chunk;
import io.supportkb.ml.chunk.Chunker;
import io.supportkb.ml.chunk.ChunkerConfig;
import io.supportkb.ml.chunk.SourceFormat;
import io.supportkb.ml.embed.Embedder;
import io.supportkb.ml.embed.EmbedderConfig;
import io.supportkb.ml.embed.ModelSource;
import io.supportkb.ml.index.IndexConfig;
import io.supportkb.ml.index.IndexedChunk;
import io.supportkb.ml.index.KnowledgeIndex;
import io.supportkb.ml.index.SearchFilters;
import io.supportkb.ml.index.SearchMode;
import io.supportkb.ml.index.SearchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Part 2 of {@link SearchBenchmark}: what a user waits for on real data — embedding the query, then a
 * hybrid search — against the two parts timed separately in the same run. Documents go through the
 * same path as {@code kb eval}: Chunker (default budget) on title + text, Embedder, KnowledgeIndex.
 */
final class SciFactLatencyRun {

    static final String COLLECTION = "scifact";
    static final String EMBED = "embed query";
    static final String EMBED_ONE_THREAD = "embed query (1 intra-op thread)";
    static final String SEARCH = "hybrid search";
    static final String END_TO_END = "embed query + hybrid search";
    static final String END_TO_END_ONE_THREAD = "embed query (1 intra-op thread) + hybrid search";
    /** LangChain4j's in-memory store on this machine, quoted from issue 3; not measured in this run. */
    static final double LANGCHAIN4J_P50_MS = 18.0;
    private static final int TOP_K = 10;

    private final SearchBenchmark.Options options;

    SciFactLatencyRun(SearchBenchmark.Options options) {
        this.options = options;
    }

    ReportSection run() throws Exception {
        List<BeirSample.Doc> docs = BeirSample.firstDocs(options.dataset(), options.docs());
        List<BeirSample.QueryText> queries = BeirSample.firstQueries(options.dataset(), options.realQueries());
        ModelSource model = ModelSource.of(ModelSource.DEFAULT);
        Path folder = Files.createTempDirectory("supportkb-scifact-bench-");
        // Indexing uses 2 sessions x 1 thread (faster on a busy 2-core machine, bit-identical vectors); queries use the default config.
        try (Embedder indexing = Embedder.load(model, EmbedderConfig.defaults().withSessions(2, 1));
             Embedder querying = Embedder.load(model, EmbedderConfig.defaults());
             KnowledgeIndex index = KnowledgeIndex.open(folder, IndexConfig.defaults())) {
            long start = System.nanoTime();
            int chunks = index(docs, indexing, index);
            double indexSeconds = (System.nanoTime() - start) / 1e9;
            List<float[]> vectors = queries.stream().map(q -> querying.embedQuery(q.text())).toList();
            List<Contender> contenders = List.of(
                    new Contender(EMBED, null, r -> timeEach(queries, i -> querying.embedQuery(queries.get(i).text()))),
                    new Contender(EMBED_ONE_THREAD, r -> timeEach(queries, i -> indexing.embedQuery(queries.get(i).text())),
                            r -> timeEach(queries, i -> indexing.embedQuery(queries.get(i).text()))),
                    new Contender(SEARCH, r -> timeEach(queries, i -> search(index, queries.get(i).text(), vectors.get(i))),
                            r -> timeEach(queries, i -> search(index, queries.get(i).text(), vectors.get(i)))),
                    new Contender(END_TO_END, null, r -> timeEach(queries, i -> {
                        String text = queries.get(i).text();
                        search(index, text, querying.embedQuery(text));
                    })),
                    new Contender(END_TO_END_ONE_THREAD, null, r -> timeEach(queries, i -> {
                        String text = queries.get(i).text();
                        search(index, text, indexing.embedQuery(text));
                    })));
            Map<String, Timings> timings = AlternatingRounds.run(contenders, options.rounds(), m -> log("%s", m));
            return report(timings, docs.size(), chunks, queries.size(), indexSeconds);
        } finally {
            SyntheticKnnRun.deleteRecursively(folder);
        }
    }

    /** Chunks, embeds and indexes the documents as {@code kb eval} does; returns the number of chunks. */
    private static int index(List<BeirSample.Doc> docs, Embedder embedder, KnowledgeIndex index) {
        Chunker chunker = new Chunker(embedder, ChunkerConfig.defaults());
        int total = 0;
        for (int d = 0; d < docs.size(); d++) {
            BeirSample.Doc doc = docs.get(d);
            List<Chunk> chunks = chunker.chunk(doc.title(), doc.text(), SourceFormat.PLAIN);
            List<float[]> vectors = embedder.embedPassages(chunks.stream().map(Chunk::embeddingText).toList());
            List<IndexedChunk> indexed = new ArrayList<>();
            for (Chunk chunk : chunks) {
                String context = chunk.headingPath().size() > 1
                        ? String.join(" > ", chunk.headingPath().subList(1, chunk.headingPath().size())) : "";
                indexed.add(new IndexedChunk(doc.id() + "#" + chunk.ordinal(), doc.id(), COLLECTION, chunk.ordinal(),
                        doc.title(), context, chunk.text(), chunk.charStart(), chunk.charEnd(), "article", List.of(), "en", 0L,
                        vectors.get(chunk.ordinal())));
            }
            if (!indexed.isEmpty()) {
                index.replaceDocument(COLLECTION, doc.id(), indexed);
            }
            total += indexed.size();
            if ((d + 1) % 100 == 0) {
                log("indexed %d of %d SciFact docs (%d chunks)", d + 1, docs.size(), total);
            }
        }
        index.commit(1);
        return total;
    }

    private static void search(KnowledgeIndex index, String text, float[] vector) {
        index.search(new SearchRequest(COLLECTION, text, vector, SearchMode.HYBRID, TOP_K, 1, SearchFilters.none(), 0));
    }

    @FunctionalInterface
    private interface QueryStep {
        void run(int query) throws Exception;
    }

    private static long[] timeEach(List<?> queries, QueryStep step) throws Exception {
        long[] nanos = new long[queries.size()];
        for (int q = 0; q < nanos.length; q++) {
            long start = System.nanoTime();
            step.run(q);
            nanos[q] = System.nanoTime() - start;
        }
        return nanos;
    }

    private ReportSection report(Map<String, Timings> timings, int docs, int chunks, int queries, double indexSeconds) {
        Map<String, LatencySummary> latency = new LinkedHashMap<>();
        timings.forEach((name, t) -> latency.put(name, LatencySummary.ofNanos(t.allOperations())));
        List<List<String>> rows = new ArrayList<>();
        latency.forEach((name, l) -> rows.add(List.of(name, ms(l.p50Ms()), ms(l.p90Ms()), ms(l.p99Ms()), ms(l.meanMs()),
                String.format("%.0f", 1000 / l.meanMs()))));
        double partsP50 = latency.get(EMBED).p50Ms() + latency.get(SEARCH).p50Ms();
        double partsP99 = latency.get(EMBED).p99Ms() + latency.get(SEARCH).p99Ms();
        LatencySummary endToEnd = latency.get(END_TO_END);
        double[] perRound = perRoundP50Ratio(timings, END_TO_END, EMBED);
        double[] perRoundOneThread = perRoundP50Ratio(timings, END_TO_END_ONE_THREAD, EMBED_ONE_THREAD);
        double oneThreadParts = latency.get(EMBED_ONE_THREAD).p50Ms() + latency.get(SEARCH).p50Ms();
        rows.add(List.of("sum of the separately timed parts (embed p50 + search p50; p99 likewise)", ms(partsP50), "", ms(partsP99), "", ""));
        List<List<String>> ratios = List.of(
                List.of("end to end p50 / (embed p50 + search p50)", String.format("%.3f", endToEnd.p50Ms() / partsP50),
                        "per round: " + String.join(", ", java.util.Arrays.stream(perRound).mapToObj(x -> String.format("%.3f", x)).toList())),
                List.of("1 intra-op thread: end to end p50 / (embed p50 + search p50)",
                        String.format("%.3f", latency.get(END_TO_END_ONE_THREAD).p50Ms() / oneThreadParts),
                        "per round: " + String.join(", ", java.util.Arrays.stream(perRoundOneThread).mapToObj(x -> String.format("%.3f", x)).toList())),
                List.of("end to end p50 / LangChain4j in-memory p50 (" + LANGCHAIN4J_P50_MS + " ms, quoted in issue 3, not measured here)",
                        String.format("%.2f", endToEnd.p50Ms() / LANGCHAIN4J_P50_MS), "target: well under 0.5"),
                List.of("share of end-to-end p50 spent embedding the query", String.format("%.2f", latency.get(EMBED).p50Ms() / partsP50), ""));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("SciFact", String.format("first %d docs of %s (--docs; the full 5,183 take ~10 min to embed on 2 cores) -> %d chunks; "
                + "first %d queries of queries.jsonl", docs, options.dataset().toAbsolutePath().normalize(), chunks, queries));
        settings.put("SciFact indexing", String.format("%.0f s: Chunker (ChunkerConfig.defaults(), PLAIN), Embedder 2 sessions x 1 thread, "
                + "KnowledgeIndex on disk (IndexConfig.defaults()), one commit", indexSeconds));
        settings.put("SciFact search", "HYBRID, topK " + TOP_K + ", 1 chunk per document, default candidates (100), no filters; "
                + "query embedding with EmbedderConfig.defaults() (1 session x 2 intra-op threads) unless noted");
        settings.put("SciFact rounds", options.rounds() + " alternating rounds (ABBA) over all queries per contender; percentiles pool all rounds");
        List<String> notes = List.of(String.format("End to end p50 %.2f ms vs %.2f ms for the parts timed separately (ratio %.3f); "
                + "p99 %.2f ms vs %.2f ms.", endToEnd.p50Ms(), partsP50, endToEnd.p50Ms() / partsP50, endToEnd.p99Ms(), partsP99));
        return new ReportSection(settings, List.of(
                new Table("Query latency on SciFact (" + chunks + " chunks, " + queries + " queries)",
                        List.of("step", "p50 ms", "p90 ms", "p99 ms", "mean ms", "queries/s (1 thread)"), rows),
                new Table("Ratios", List.of("ratio", "value", "detail"), ratios)), notes, Map.of("scifact", latency));
    }

    /** End-to-end p50 over (embed p50 + search p50), each round on its own. */
    private static double[] perRoundP50Ratio(Map<String, Timings> timings, String endToEnd, String embed) {
        int rounds = timings.get(endToEnd).rounds().size();
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratios[r] = p50(timings.get(endToEnd), r) / (p50(timings.get(embed), r) + p50(timings.get(SEARCH), r));
        }
        return ratios;
    }

    private static double p50(Timings t, int round) {
        return Percentiles.nearestRank(java.util.Arrays.stream(t.rounds().get(round)).mapToDouble(n -> n / 1e6).toArray(), 50);
    }
}
