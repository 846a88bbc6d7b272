package io.supportkb.ml.bench;

import static io.supportkb.ml.bench.SearchBenchmark.log;
import static io.supportkb.ml.bench.SearchBenchmark.ms;

import io.supportkb.ml.bench.AlternatingRounds.Contender;
import io.supportkb.ml.bench.AlternatingRounds.Timings;
import io.supportkb.ml.bench.BenchReport.Table;
import io.supportkb.ml.index.DocumentHit;
import io.supportkb.ml.index.IndexConfig;
import io.supportkb.ml.index.IndexedChunk;
import io.supportkb.ml.index.KnowledgeIndex;
import io.supportkb.ml.index.SearchFilters;
import io.supportkb.ml.index.SearchMode;
import io.supportkb.ml.index.SearchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.FSDirectory;

/**
 * Part 1 of {@link SearchBenchmark}: HNSW in the {@link KnowledgeIndex} against exact search on
 * synthetic vectors ({@link GaussianMixture}). One document of one chunk per vector, vector-only
 * search, top 10 documents; the candidate depth is varied (Lucene's k, the paper's efSearch).
 */
final class SyntheticKnnRun {

    static final String COLLECTION = "synthetic";
    static final String EXACT = "exact scan (baseline)";
    /** Documents returned per search, and the k of recall@k. */
    static final int K = 10;
    /** Extra queries from the mixture, searched once per contender before the timed rounds. */
    static final int WARM_UP_QUERIES = 50;
    /** Diagnostic row: Lucene's own kNN query on the same files, without the index's filter, stored-field loading and grouping. */
    private static final int RAW_LUCENE_EF = 100;

    private final SearchBenchmark.Options options;

    SyntheticKnnRun(SearchBenchmark.Options options) {
        this.options = options;
    }

    ReportSection run() throws Exception {
        Random random = new Random(options.seed());
        GaussianMixture mixture = mixture(options, random);
        float[][] vectors = sample(mixture, options.vectors(), random);
        float[][] queries = sample(mixture, options.queries(), random);
        float[][] warmUpQueries = sample(mixture, WARM_UP_QUERIES, random);
        ExactSearch exact = new ExactSearch(vectors);
        List<int[]> truth = Arrays.stream(queries).map(q -> exact.topK(q, K)).toList();
        Path folder = Files.createTempDirectory("supportkb-search-bench-");
        // Threshold 0: the hnsw rows walk the graph whatever the collection size (ExactScanRun compares the two paths).
        try (KnowledgeIndex index = KnowledgeIndex.open(folder, IndexConfig.defaults().withExactSearchMaxChunks(0))) {
            log("indexing %d x %d vectors into %s", vectors.length, options.dimensions(), folder);
            double indexSeconds = indexVectors(index, vectors, vectors.length);
            try (FSDirectory directory = FSDirectory.open(folder); DirectoryReader reader = DirectoryReader.open(directory)) {
                return measure(index, new IndexSearcher(reader), reader.leaves().size(), indexSeconds, exact, queries,
                        warmUpQueries, truth, vectors);
            }
        } finally {
            deleteRecursively(folder);
        }
    }

    private ReportSection measure(KnowledgeIndex index, IndexSearcher raw, int segments, double indexSeconds, ExactSearch exact,
            float[][] queries, float[][] warmUp, List<int[]> truth, float[][] vectors) throws Exception {
        Map<String, List<int[]>> results = new LinkedHashMap<>();
        List<Contender> contenders = new ArrayList<>();
        contenders.add(new Contender(EXACT, r -> timeEach(warmUp, q -> exact.topK(q, K)), r -> timeEach(queries, q -> exact.topK(q, K))));
        for (int ef : options.efSearch()) {
            String name = "hnsw efSearch=" + ef;
            contenders.add(new Contender(name, r -> timeEach(warmUp, q -> search(index, q, ef)),
                    r -> timeEach(queries, q -> search(index, q, ef), r == 0 ? results.computeIfAbsent(name, n -> new ArrayList<>()) : null)));
        }
        String rawName = "raw Lucene kNN efSearch=" + RAW_LUCENE_EF;
        contenders.add(new Contender(rawName, r -> timeEach(warmUp, q -> rawSearch(raw, q)),
                r -> timeEach(queries, q -> rawSearch(raw, q), r == 0 ? results.computeIfAbsent(rawName, n -> new ArrayList<>()) : null)));
        Map<String, Timings> timings = AlternatingRounds.run(contenders, options.rounds(), m -> log("%s", m));
        return report(timings, results, truth, segments, indexSeconds, exact, queries, vectors);
    }

    private ReportSection report(Map<String, Timings> timings, Map<String, List<int[]>> results, List<int[]> truth, int segments,
            double indexSeconds, ExactSearch exact, float[][] queries, float[][] vectors) {
        long[] baseline = timings.get(EXACT).roundTotals();
        List<List<String>> rows = new ArrayList<>();
        Map<String, Object> raw = new LinkedHashMap<>();
        for (Timings t : timings.values()) {
            long[] all = t.allOperations();
            LatencySummary latency = LatencySummary.ofNanos(all);
            double qps = all.length / (Arrays.stream(all).sum() / 1e9);
            String recall = t.name().equals(EXACT) ? "1.000" : String.format("%.3f", Recall.meanAtK(truth, results.get(t.name()), K));
            String speedUp = t.name().equals(EXACT) ? "1 (reference)"
                    : String.format("%.1f", AlternatingRounds.medianSpeedRatio(baseline, t.roundTotals()));
            rows.add(List.of(t.name(), recall, String.format("%.0f", qps), ms(latency.p50Ms()), ms(latency.p99Ms()), ms(latency.meanMs()), speedUp));
            raw.put(t.name(), Map.of("latency", latency, "roundNanos", t.roundTotals(), "recallAt10", recall));
        }
        double[] nearest = Arrays.stream(queries).mapToDouble(q -> dot(q, vectors[exact.topK(q, 1)[0]])).toArray();
        double[] tenth = Arrays.stream(queries).mapToDouble(q -> dot(q, vectors[exact.topK(q, K)[K - 1]])).toArray();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("synthetic vectors", String.format("%,d x %d, ", options.vectors(), options.dimensions())
                + mixtureDescription(options));
        settings.put("synthetic queries", options.queries() + " from the same mixture (not indexed), " + WARM_UP_QUERIES
                + " more for warm-up");
        settings.put("query difficulty", String.format("median cosine to the nearest neighbour %.3f, to the 10th %.3f",
                Percentiles.median(nearest), Percentiles.median(tenth)));
        settings.put("index", "KnowledgeIndex on disk (temp dir, MMapDirectory), IndexConfig.defaults() (M=16, efConstruction=100) "
                + "with exactSearchMaxChunks 0 (always the HNSW graph); one document per vector; VECTOR mode, topK 10, 1 chunk per "
                + "document, candidates = efSearch");
        settings.put("indexing", String.format("%.0f s for %,d vectors (%.0f vectors/s, HNSW build and merges included), %d segment(s) after commit",
                indexSeconds, options.vectors(), options.vectors() / indexSeconds, segments));
        settings.put("synthetic rounds", options.rounds() + " alternating rounds (ABBA) of all queries per contender, after one warm-up pass; "
                + "latency percentiles pool all rounds (nearest rank); speed-up = median over rounds of exact time / contender time");
        List<String> notes = new ArrayList<>();
        notes.add("Recall@10 = share of the exact 10 nearest vectors among the 10 documents returned, averaged over queries. "
                + "With " + segments + " segment(s), Lucene searches each segment's graph with k = efSearch and merges, "
                + "so recall at a given efSearch is higher (and search slower) than one graph would give.");
        notes.add("The raw Lucene row runs KnnFloatVectorQuery(k=" + RAW_LUCENE_EF + ") on the same committed files with no filter and "
                + "reads only the 10 best documents' ids: the difference to the efSearch=" + RAW_LUCENE_EF + " row is what the "
                + "KnowledgeIndex adds (collection filter inside the kNN search, loading every candidate's stored fields, grouping by document).");
        return new ReportSection(settings, List.of(new Table("HNSW vs exact search (" + String.format("%,d", options.vectors())
                + " vectors, " + options.queries() + " queries, top 10)", List.of("search", "recall@10", "queries/s",
                "p50 ms", "p99 ms", "mean ms", "speed-up vs exact"), rows)), notes, Map.of("synthetic", raw));
    }

    /** The mixture every synthetic part draws from; the first draws of {@code random}. */
    static GaussianMixture mixture(SearchBenchmark.Options options, Random random) {
        return GaussianMixture.random(options.clusters(), options.dimensions(), 0.7, 0.5, 1.0, random);
    }

    /** {@link #mixture}'s parameters, for the report settings. */
    static String mixtureDescription(SearchBenchmark.Options options) {
        return String.format("unit length, mixture of %d Gaussians (cluster lean 0.7 towards a shared direction, spread 0.5-1.0, "
                + "exponential weights), seed %d", options.clusters(), options.seed());
    }

    /**
     * Indexes {@code vectors[0..count)} as one document of one chunk each (document id = the vector's index) into
     * {@link #COLLECTION}, then commits; returns the seconds taken, HNSW build and merges included.
     */
    static double indexVectors(KnowledgeIndex index, float[][] vectors, int count) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String id = Integer.toString(i);
            index.replaceDocument(COLLECTION, id, List.of(new IndexedChunk(id + "#0", id, COLLECTION, 0, null, null, "",
                    0, 0, null, null, null, 0L, vectors[i])));
            if ((i + 1) % 20_000 == 0) {
                log("indexed %d", i + 1);
            }
        }
        index.commit(1);
        return (System.nanoTime() - start) / 1e9;
    }

    /** A VECTOR mode search for the top {@link #K} documents, 1 chunk each, with {@code ef} candidates; returns their ids. */
    static int[] search(KnowledgeIndex index, float[] query, int ef) {
        List<DocumentHit> hits = index.search(new SearchRequest(COLLECTION, null, query, SearchMode.VECTOR, K, 1,
                SearchFilters.none(), ef)).hits();
        return hits.stream().mapToInt(h -> Integer.parseInt(h.documentId())).toArray();
    }

    private static int[] rawSearch(IndexSearcher searcher, float[] query) throws Exception {
        ScoreDoc[] top = searcher.search(new KnnFloatVectorQuery("vector", query, RAW_LUCENE_EF), K).scoreDocs;
        StoredFields stored = searcher.storedFields();
        int[] ids = new int[top.length];
        for (int i = 0; i < top.length; i++) {
            ids[i] = Integer.parseInt(stored.document(top[i].doc).get("document_id"));
        }
        return ids;
    }

    @FunctionalInterface
    interface QuerySearch {
        int[] search(float[] query) throws Exception;
    }

    static long[] timeEach(float[][] queries, QuerySearch search) throws Exception {
        return timeEach(queries, search, null);
    }

    /** Times each query; if {@code results} is given, the returned ids are appended to it. */
    static long[] timeEach(float[][] queries, QuerySearch search, List<int[]> results) throws Exception {
        long[] nanos = new long[queries.length];
        for (int q = 0; q < queries.length; q++) {
            long start = System.nanoTime();
            int[] ids = search.search(queries[q]);
            nanos[q] = System.nanoTime() - start;
            if (results != null) {
                results.add(ids);
            }
        }
        return nanos;
    }

    static float[][] sample(GaussianMixture mixture, int count, Random random) {
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            out[i] = mixture.sample(random);
        }
        return out;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            sum += (double) a[d] * b[d];
        }
        return sum;
    }

    static void deleteRecursively(Path folder) throws java.io.IOException {
        try (var files = Files.walk(folder)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
