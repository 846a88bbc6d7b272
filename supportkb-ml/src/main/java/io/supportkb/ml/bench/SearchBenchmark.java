package io.supportkb.ml.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Search speed and quality of {@link io.supportkb.ml.index.KnowledgeIndex}, in two parts:
 *
 * <ol>
 *   <li>{@link SyntheticKnnRun}: 100,000 x 384 synthetic unit vectors (a Gaussian mixture, fixed seed) on
 *       disk; recall@10 against exact search and queries/s, p50/p99 for several efSearch values, with the
 *       exact scan measured in the same run as the baseline.</li>
 *   <li>{@link SciFactLatencyRun}: the first {@code --docs} SciFact documents (default 1,000; the whole
 *       corpus of 5,183 takes about ten minutes to embed on 2 cores) chunked and embedded through Chunker
 *       and Embedder; p50/p99 of query embedding + hybrid search against the two parts measured
 *       separately in the same run.</li>
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
     * @param part {@code synthetic}, {@code scifact} or {@code all}
     */
    public record Options(int vectors, int dimensions, int clusters, int queries, List<Integer> efSearch, int rounds,
            long seed, Path dataset, int docs, int realQueries, Path resultsDir, String part) {

        public Options {
            if (!Set.of("synthetic", "scifact", "all").contains(part)) {
                throw new IllegalArgumentException("--part must be synthetic, scifact or all, was " + part);
            }
            efSearch = List.copyOf(efSearch);
        }

        public static Options defaults() {
            return new Options(100_000, 384, 200, 200, List.of(10, 50, 100, 200, 400), 3, 20261125L,
                    ProjectLayout.defaultScifact(), 1000, 200, ProjectLayout.defaultResults(), "all");
        }

        static Options parse(String[] args) {
            Options d = defaults();
            BenchArgs a = new BenchArgs(args, Set.of("vectors", "dimensions", "clusters", "queries", "ef", "rounds", "seed",
                    "dataset", "docs", "real-queries", "out", "part"));
            List<Integer> ef = a.string("ef", null) == null ? d.efSearch()
                    : Arrays.stream(a.string("ef", "").split(",")).map(String::trim).map(Integer::parseInt).toList();
            return new Options(a.integer("vectors", d.vectors()), a.integer("dimensions", d.dimensions()),
                    a.integer("clusters", d.clusters()), a.integer("queries", d.queries()), ef, a.integer("rounds", d.rounds()),
                    Long.parseLong(a.string("seed", String.valueOf(d.seed()))), Path.of(a.string("dataset", d.dataset().toString())),
                    a.integer("docs", d.docs()), a.integer("real-queries", d.realQueries()),
                    Path.of(a.string("out", d.resultsDir().toString())), a.string("part", d.part()));
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
        if (!options.part().equals("scifact")) {
            sections.add(new SyntheticKnnRun(options).run());
        }
        if (!options.part().equals("synthetic")) {
            sections.add(new SciFactLatencyRun(options).run());
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
        return new BenchReport("search", "Search: HNSW recall and speed, query latency on SciFact", startedAt, command,
                machine, MachineInfo.loadAverageNow(), settings, tables, notes, raw);
    }

    static void log(String format, Object... args) {
        System.err.printf("[search-bench] " + format + "%n", args);
    }

    static String ms(double value) {
        return String.format("%.2f", value);
    }
}
