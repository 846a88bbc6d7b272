package io.supportkb.ml.bench;

import static io.supportkb.ml.bench.SearchBenchmark.log;
import static io.supportkb.ml.bench.SearchBenchmark.ms;
import static io.supportkb.ml.bench.SyntheticKnnRun.COLLECTION;
import static io.supportkb.ml.bench.SyntheticKnnRun.K;
import static io.supportkb.ml.bench.SyntheticKnnRun.search;
import static io.supportkb.ml.bench.SyntheticKnnRun.timeEach;

import io.supportkb.ml.bench.AlternatingRounds.Contender;
import io.supportkb.ml.bench.AlternatingRounds.Timings;
import io.supportkb.ml.bench.BenchReport.Table;
import io.supportkb.ml.index.IndexConfig;
import io.supportkb.ml.index.KnowledgeIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;

/**
 * Part 3 of {@link SearchBenchmark}: the kNN retriever's exact scan against its HNSW search on the same committed
 * index, by collection size and candidate depth k, to choose {@link IndexConfig#DEFAULT_EXACT_SEARCH_MAX_CHUNKS}.
 * The exact contender opens the index with threshold {@link Integer#MAX_VALUE} (every chunk of the collection is
 * scored), the HNSW contender with threshold 0 (the graph is always walked). Vectors come from {@link
 * SyntheticKnnRun}'s mixture and seed; one document of one chunk per vector, one collection; VECTOR mode, top 10
 * documents, 1 chunk each, no filters, candidates = k.
 *
 * <p>A {@link KnowledgeIndex} holds its folder's write lock and fixes its {@link IndexConfig} when opened, so each
 * size is indexed and committed once, the closed folder copied, and the original and the copy opened together,
 * one per threshold: both contenders search identical segments.
 */
final class ExactScanRun {

    static final IndexConfig ALWAYS_EXACT = IndexConfig.defaults().withExactSearchMaxChunks(Integer.MAX_VALUE);
    static final IndexConfig ALWAYS_HNSW = IndexConfig.defaults().withExactSearchMaxChunks(0);

    /**
     * The measurements of one collection size and candidate depth.
     *
     * @param size chunks in the collection (one per document and vector)
     * @param k candidate depth ({@code SearchRequest.candidates}, Lucene's k)
     * @param segments segments of the committed index, the same for both contenders
     * @param indexSeconds time to index and commit the size's vectors
     * @param exact the exact scan's nanoseconds per query, by round
     * @param hnsw HNSW's, same queries and rounds
     * @param hnswRecall HNSW's mean recall@10 against the exact scan's top 10 (first round)
     * @param exactRecall the exact scan's mean recall@10 against an in-memory brute-force scan ({@link ExactSearch}):
     *     a check that the exact path is exact
     */
    private record Measurement(int size, int k, int segments, double indexSeconds, Timings exact, Timings hnsw,
            double hnswRecall, double exactRecall) {

        /** Median over rounds of exact time / HNSW time for the same queries: how many times slower the exact scan is. */
        double exactOverHnsw() {
            return AlternatingRounds.medianSpeedRatio(exact.roundTotals(), hnsw.roundTotals());
        }
    }

    private final SearchBenchmark.Options options;

    ExactScanRun(SearchBenchmark.Options options) {
        this.options = options;
    }

    ReportSection run() throws Exception {
        // Same draws as SyntheticKnnRun: the mixture, then the vectors (each size indexes a prefix), then the queries.
        Random random = new Random(options.seed());
        GaussianMixture mixture = SyntheticKnnRun.mixture(options, random);
        int largest = options.exactSizes().stream().mapToInt(Integer::intValue).max().orElseThrow();
        float[][] vectors = SyntheticKnnRun.sample(mixture, largest, random);
        float[][] queries = SyntheticKnnRun.sample(mixture, options.queries(), random);
        float[][] warmUp = SyntheticKnnRun.sample(mixture, SyntheticKnnRun.WARM_UP_QUERIES, random);
        List<Measurement> measurements = new ArrayList<>();
        for (int size : options.exactSizes()) {
            measurements.addAll(measure(size, vectors, queries, warmUp));
        }
        return report(measurements);
    }

    /** Indexes {@code vectors[0..size)}, then times both contenders at every candidate depth. */
    private List<Measurement> measure(int size, float[][] vectors, float[][] queries, float[][] warmUp) throws Exception {
        Path exactFolder = Files.createTempDirectory("supportkb-exact-bench-");
        Path hnswFolder = Files.createTempDirectory("supportkb-exact-bench-copy-");
        try {
            double indexSeconds;
            try (KnowledgeIndex index = KnowledgeIndex.open(exactFolder, IndexConfig.defaults())) {
                log("indexing %d x %d vectors into %s", size, options.dimensions(), exactFolder);
                indexSeconds = SyntheticKnnRun.indexVectors(index, vectors, size);
            }
            copyFolder(exactFolder, hnswFolder);
            int segments = segments(exactFolder);
            ExactSearch bruteForce = new ExactSearch(Arrays.copyOf(vectors, size));
            List<int[]> truth = Arrays.stream(queries).map(q -> bruteForce.topK(q, K)).toList();
            List<Measurement> measurements = new ArrayList<>();
            try (KnowledgeIndex exact = KnowledgeIndex.open(exactFolder, ALWAYS_EXACT);
                 KnowledgeIndex hnsw = KnowledgeIndex.open(hnswFolder, ALWAYS_HNSW)) {
                if (exact.chunkCount(COLLECTION) != size || hnsw.chunkCount(COLLECTION) != size) {
                    throw new IllegalStateException("expected " + size + " chunks in both copies, found "
                            + exact.chunkCount(COLLECTION) + " and " + hnsw.chunkCount(COLLECTION));
                }
                for (int k : options.exactCandidates()) {
                    String exactName = "exact n=" + size + " k=" + k;
                    String hnswName = "hnsw n=" + size + " k=" + k;
                    List<int[]> exactResults = new ArrayList<>();
                    List<int[]> hnswResults = new ArrayList<>();
                    List<Contender> contenders = List.of(
                            new Contender(exactName, r -> timeEach(warmUp, q -> search(exact, q, k)),
                                    r -> timeEach(queries, q -> search(exact, q, k), r == 0 ? exactResults : null)),
                            new Contender(hnswName, r -> timeEach(warmUp, q -> search(hnsw, q, k)),
                                    r -> timeEach(queries, q -> search(hnsw, q, k), r == 0 ? hnswResults : null)));
                    Map<String, Timings> timings = AlternatingRounds.run(contenders, options.rounds(), m -> log("%s", m));
                    measurements.add(new Measurement(size, k, segments, indexSeconds, timings.get(exactName),
                            timings.get(hnswName), Recall.meanAtK(exactResults, hnswResults, K),
                            Recall.meanAtK(truth, exactResults, K)));
                }
            }
            return measurements;
        } finally {
            SyntheticKnnRun.deleteRecursively(exactFolder);
            SyntheticKnnRun.deleteRecursively(hnswFolder);
        }
    }

    private ReportSection report(List<Measurement> measurements) {
        List<List<String>> rows = new ArrayList<>();
        List<Map<String, Object>> raw = new ArrayList<>();
        for (Measurement m : measurements) {
            LatencySummary exact = LatencySummary.ofNanos(m.exact().allOperations());
            LatencySummary hnsw = LatencySummary.ofNanos(m.hnsw().allOperations());
            rows.add(List.of(String.format("%,d", m.size()), String.valueOf(m.k()), String.valueOf(m.segments()),
                    ms(exact.p50Ms()), ms(exact.p99Ms()), ms(hnsw.p50Ms()), ms(hnsw.p99Ms()),
                    String.format("%.2f", m.exactOverHnsw()), String.format("%.3f", m.hnswRecall()),
                    String.format("%.3f", m.exactRecall())));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("chunks", m.size());
            entry.put("k", m.k());
            entry.put("segments", m.segments());
            entry.put("indexSeconds", m.indexSeconds());
            entry.put("exactLatency", exact);
            entry.put("hnswLatency", hnsw);
            entry.put("exactRoundNanos", m.exact().roundTotals());
            entry.put("hnswRoundNanos", m.hnsw().roundTotals());
            entry.put("exactOverHnsw", m.exactOverHnsw());
            entry.put("hnswRecallAt10VsExact", m.hnswRecall());
            entry.put("exactRecallAt10VsBruteForce", m.exactRecall());
            raw.add(entry);
        }
        String sizes = options.exactSizes().stream().map(n -> String.format("%,d", n)).collect(Collectors.joining(", "));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("exact-scan vectors", String.format("%s x %d (--exact-sizes; each size indexes the first n of one sequence), ",
                sizes, options.dimensions()) + SyntheticKnnRun.mixtureDescription(options));
        settings.put("exact-scan queries", options.queries() + " from the same mixture (not indexed), the same for every size, "
                + SyntheticKnnRun.WARM_UP_QUERIES + " more for warm-up");
        settings.put("exact-scan index", "per size: KnowledgeIndex on disk (temp dir, MMapDirectory) built with IndexConfig.defaults() "
                + "(M=16, efConstruction=100), one document of one chunk per vector, one collection, one commit; the closed folder "
                + "is then copied and both are open together (a KnowledgeIndex holds its folder's write lock and fixes its IndexConfig "
                + "when opened): the original with exactSearchMaxChunks Integer.MAX_VALUE (always the exact scan), the copy with 0 "
                + "(always HNSW), so both contenders search identical segments");
        settings.put("exact-scan search", "VECTOR mode, topK " + K + ", 1 chunk per document, no filters, candidates = k ("
                + options.exactCandidates().stream().map(String::valueOf).collect(Collectors.joining(", ")) + "; --exact-k)");
        settings.put("exact-scan indexing", measurements.stream().filter(m -> m.k() == options.exactCandidates().getFirst())
                .map(m -> String.format("%,d: %.0f s, %d segment(s)", m.size(), m.indexSeconds(), m.segments()))
                .collect(Collectors.joining("; ")));
        settings.put("exact-scan rounds", options.rounds() + " alternating rounds (ABBA) of all queries per contender, for each size "
                + "and k on its own, after one warm-up pass; latency percentiles pool all rounds (nearest rank); exact / hnsw = median "
                + "over rounds of exact time / HNSW time");
        List<String> notes = List.of(
                "Purpose: choosing IndexConfig.DEFAULT_EXACT_SEARCH_MAX_CHUNKS (now " + IndexConfig.DEFAULT_EXACT_SEARCH_MAX_CHUNKS
                        + "). A search whose filter (collection plus filters) matches at most that many chunks is answered by the exact "
                        + "scan (recall 1, a ranking independent of how the graph was built) instead of HNSW; the scan's time grows "
                        + "linearly with the matching chunks. The default is the largest size whose exact p50/p99 are still acceptable "
                        + "at k = 100 (the server's default candidates) and k = 300 (kb eval at depth 100).",
                "The exact contender also counts the chunks matching the filter on every search (the threshold check); with "
                        + "threshold 0 the HNSW contender skips that count, which every search pays under a real threshold. Both "
                        + "load the stored fields of all k candidates and group them into documents, which is part of both columns.",
                "HNSW recall@10 is against the exact scan's top 10 documents on the same index. The exact scan's own recall@10 "
                        + "against an in-memory brute-force scan (ExactSearch over the same vectors) checks the exact path: 1.000 "
                        + "expected, float rounding can swap near-ties. HNSW searches each segment's graph with k candidates and "
                        + "merges the results, so more segments make it slower and its recall higher.");
        return new ReportSection(settings, List.of(new Table("Exact scan vs HNSW by collection size (" + options.queries()
                + " queries, top 10)", List.of("chunks", "k", "segments", "exact p50 ms", "exact p99 ms", "hnsw p50 ms",
                "hnsw p99 ms", "exact / hnsw time", "hnsw recall@10 vs exact", "exact recall@10 vs brute force"), rows)),
                notes, Map.of("exactVsHnsw", raw));
    }

    /** Copies a closed index folder, subfolders included, into an empty one. */
    private static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static int segments(Path folder) throws IOException {
        try (FSDirectory directory = FSDirectory.open(folder)) {
            return SegmentInfos.readLatestCommit(directory).size();
        }
    }
}
