package io.supportkb.ml.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Search speed and quality of {@link io.supportkb.ml.index.KnowledgeIndex}, in three parts:
 *
 * <ol>
 *   <li>{@link SyntheticKnnRun}: 100,000 x 384 synthetic unit vectors (a Gaussian mixture, fixed seed) on
 *       disk; recall@10 against exact search and queries/s, p50/p99 for several efSearch values, with the
 *       exact scan measured in the same run as the baseline.</li>
 *   <li>{@link SciFactLatencyRun}: the first {@code --docs} SciFact documents (default 1,000; the whole
 *       corpus of 5,183 takes about ten minutes to embed on 2 cores) chunked and embedded through Chunker
 *       and Embedder; p50/p99 of query embedding + hybrid search against the two parts measured
 *       separately in the same run.</li>
 *   <li>{@link ExactScanRun}: the kNN retriever's exact scan against its HNSW search on the same synthetic
 *       vectors, by collection size ({@code --exact-sizes}) and candidate depth ({@code --exact-k}), to choose
 *       {@link io.supportkb.ml.index.IndexConfig#DEFAULT_EXACT_SEARCH_MAX_CHUNKS}. Run alone with
 *       {@code --part exact}, it is reported as {@code exact-vs-hnsw}.</li>
 * </ol>
 */
public final class SearchBenchmark {

    /**
     * @param vectors synthetic vectors indexed in part 1
     * @param dimensions their dimensions (384 = bge-small)
     * @param clusters Gaussian mixture components
     * @param queries synthetic queries, drawn from the same mixture but not indexed
     * @param efSearch candidate depths ({@code SearchRequest.candidates}, Lucene's k, the paper's efSearch)
     * @param rounds alternating rounds in both parts
     * @param seed seed of every random choice
     * @param dataset BEIR-layout directory of SciFact
     * @param docs SciFact documents indexed in part 2 (from the top of corpus.jsonl)
     * @param realQueries SciFact queries timed in part 2 (from the top of queries.jsonl)
     * @param exactSizes collection sizes (chunks) of part 3, each {@code >= 10}
     * @param exactCandidates candidate depths ({@code SearchRequest.candidates}) of part 3, each {@code >= 10}: 100 is the server's
     *     default for a normal query, 300 what {@code kb eval} uses at depth 100
     * @param part {@code synthetic}, {@code scifact}, {@code exact} or {@code all}
     */
    public record Options(int vectors, int dimensions, int clusters, int queries, List<Integer> efSearch, int rounds,
            long seed, Path dataset, int docs, int realQueries, List<Integer> exactSizes, List<Integer> exactCandidates,
            Path resultsDir, String part) {

        public Options {
            if (!Set.of("synthetic", "scifact", "exact", "all").contains(part)) {
                throw new IllegalArgumentException("--part must be synthetic, scifact, exact or all, was " + part);
            }
            efSearch = List.copyOf(efSearch);
            exactSizes = List.copyOf(exactSizes);
            exactCandidates = List.copyOf(exactCandidates);
            if (exactSizes.isEmpty() || exactSizes.stream().anyMatch(n -> n < 10)) {
                throw new IllegalArgumentException("--exact-sizes must list sizes >= 10 (top 10 is compared), was " + exactSizes);
            }
            if (exactCandidates.isEmpty() || exactCandidates.stream().anyMatch(k -> k < 10)) {
                throw new IllegalArgumentException("--exact-k must list candidate depths >= 10 (top 10 is compared), was "
                        + exactCandidates);
            }
        }

        public static Options defaults() {
            return new Options(100_000, 384, 200, 200, List.of(10, 50, 100, 200, 400), 3, 20261125L,
                    ProjectLayout.defaultScifact(), 1000, 200, List.of(5_000, 10_000, 20_000, 50_000), List.of(100, 300),
                    ProjectLayout.defaultResults(), "all");
        }

        static Options parse(String[] args) {
            Options d = defaults();
            BenchArgs a = new BenchArgs(args, Set.of("vectors", "dimensions", "clusters", "queries", "ef", "rounds", "seed",
                    "dataset", "docs", "real-queries", "exact-sizes", "exact-k", "out", "part"));
            return new Options(a.integer("vectors", d.vectors()), a.integer("dimensions", d.dimensions()),
                    a.integer("clusters", d.clusters()), a.integer("queries", d.queries()), a.integers("ef", d.efSearch()),
                    a.integer("rounds", d.rounds()), Long.parseLong(a.string("seed", String.valueOf(d.seed()))),
                    Path.of(a.string("dataset", d.dataset().toString())), a.integer("docs", d.docs()),
                    a.integer("real-queries", d.realQueries()), a.integers("exact-sizes", d.exactSizes()),
                    a.integers("exact-k", d.exactCandidates()), Path.of(a.string("out", d.resultsDir().toString())),
                    a.string("part", d.part()));
        }

        private boolean runs(String name) {
            return part.equals(name) || part.equals("all");
        }
    }

    private SearchBenchmark() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        run(options, BenchReport.commandLine(SearchBenchmark.class, args)).publish(options.resultsDir());
    }

    public static BenchReport run(Options options, String command) throws Exception {
        String startedAt = BenchReport.now();
        MachineInfo machine = MachineInfo.current();
        List<ReportSection> sections = new ArrayList<>();
        if (options.runs("synthetic")) {
            sections.add(new SyntheticKnnRun(options).run());
        }
        if (options.runs("scifact")) {
            sections.add(new SciFactLatencyRun(options).run());
        }
        if (options.runs("exact")) {
            sections.add(new ExactScanRun(options).run());
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        List<BenchReport.Table> tables = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Object> raw = new LinkedHashMap<>();
        for (ReportSection section : sections) {
            settings.putAll(section.settings());
            tables.addAll(section.tables());
            notes.addAll(section.notes());
            raw.putAll(section.raw());
        }
        boolean exactOnly = options.part().equals("exact");
        return new BenchReport(exactOnly ? "exact-vs-hnsw" : "search",
                exactOnly ? "Search: exact kNN scan vs HNSW by collection size" : "Search: HNSW recall and speed, query latency on SciFact",
                startedAt, command, machine, MachineInfo.loadAverageNow(), settings, tables, notes, raw);
    }

    static void log(String format, Object... args) {
        System.err.printf("[search-bench] " + format + "%n", args);
    }

    static String ms(double value) {
        return String.format("%.2f", value);
    }
}
