package io.supportkb.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.supportkb.ml.bench.BenchReport;
import io.supportkb.ml.bench.MachineInfo;
import io.supportkb.ml.bench.ProjectLayout;
import io.supportkb.ml.embed.Embedder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Query throughput and latency at 1, 4 and 16 concurrent clients, the cache-hit path, and the HTTP cache-miss p50
 * against query embedding + Lucene search called directly on the same index (target: at most 1.2x), in embedded or
 * production mode, on a collection of at least {@code --min-chunks} chunks.
 *
 * <p>{@link QueryNodes} ingests the corpus over HTTP into an uncached API node and starts a cached API node on the
 * same database. HTTP load comes from {@link QueryLoad} in a second JVM, kept for the whole run; the direct
 * baseline runs single-threaded in this JVM on the uncached node's {@link Embedder} and {@link LiveIndex}. Each
 * round runs every {@link Measurement}, in an order rotated by one per round, so the shared machine's drifting
 * load reaches every setting; the report pools the rounds' latencies and takes the median of their throughputs.
 */
@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"HTTP query throughput and latency at 1/4/16 clients (cache miss and hit) on an in-process "
                + "server against embed + search called directly. Reports go to bench/results/<time>-query-<mode>/."})
public final class QueryBenchmark implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--mode", defaultValue = "embedded",
            description = "embedded (H2, in-process queue, Caffeine cache) or production (MariaDB, Redis stream "
                    + "and cache).")
    String mode;

    @Option(names = "--corpus", defaultValue = "demo",
            description = "demo (demo/ and its queries.jsonl; default) or scifact (corpus.jsonl and test queries of "
                    + "--dataset).")
    String corpus;

    @Option(names = "--min-chunks", defaultValue = "0", description = "Ingest the fewest leading documents whose "
            + "chunks reach this (0: all documents; default ${DEFAULT-VALUE}).")
    int minChunks;

    @Option(names = "--chunk-tokens", defaultValue = "0", description = "Chunk budget in model tokens, sets "
            + "supportkb.indexing.chunking.max-tokens and overlap-tokens=0 (0: the server default 256/32).")
    int chunkTokens;

    @Option(names = "--without-titles", description = "Upload documents without their titles (the chunker "
            + "repeats a title in every chunk, which at a small --chunk-tokens fills up to half of each chunk).")
    boolean withoutTitles;

    @Option(names = "--docs", defaultValue = "2147483647", description = "At most this many documents.")
    int docs;

    @Option(names = "--queries", defaultValue = "300", description = "At most this many queries (default "
            + "${DEFAULT-VALUE}: all SciFact test queries).")
    int queryCount;

    @Option(names = "--requests", defaultValue = "0",
            description = "Measured requests per measurement (0: one per query).")
    int requests;

    @Option(names = "--warmup", defaultValue = "40", description = "Unmeasured requests before each measurement, "
            + "at least 2 per client (default ${DEFAULT-VALUE}).")
    int warmUp;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds of all settings (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--clients", split = ",", defaultValue = "1,4,16",
            description = "Concurrent clients, cache-off node (default ${DEFAULT-VALUE}).")
    List<Integer> clients;

    @Option(names = "--hit-clients", split = ",", defaultValue = "1,4,16",
            description = "Concurrent clients, cache-on node (default ${DEFAULT-VALUE}).")
    List<Integer> hitClients;

    @Option(names = "--top-k", defaultValue = "5", description = "topK (default ${DEFAULT-VALUE}).")
    int topK;

    @Mixin
    CorpusFolders folders;

    @Option(names = "--mariadb", defaultValue = "jdbc:mariadb://127.0.0.1:3306/", description = "MariaDB server for "
            + "production mode (root, no password); database supportkb_bench_<time>_off is created and dropped.")
    String mariaDb;

    @Option(names = "--batch-lines", defaultValue = "200", description = "JSON Lines per upload request.")
    int batchLines;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Extra property of both nodes, repeatable.")
    List<String> properties = new ArrayList<>();

    @Option(names = "--timeout-minutes", defaultValue = "90", description = "Longest wait for indexing.")
    int timeoutMinutes;

    @Option(names = "--out", description = "Results folder (default bench/results of the project).")
    Path out;

    public QueryBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new QueryBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ServerMode serverMode = validate();
        QueryWorkload work = QueryWorkload.load(corpus, folders.dataset(), folders.demo(),
                docs, queryCount, !withoutTitles);
        String startedAt = BenchReport.now();
        MachineInfo machine = MachineInfo.current();
        log("%s mode: up to %d documents, %d queries (%s); at least %d chunks; %d rounds", serverMode.label(),
                work.documents().size(), work.queries().size(), work.source(), minChunks, rounds);
        List<String> nodeProperties = new ArrayList<>();
        if (chunkTokens > 0) {
            nodeProperties.add("supportkb.indexing.chunking.max-tokens=" + chunkTokens);
            nodeProperties.add("supportkb.indexing.chunking.overlap-tokens=0");
        }
        nodeProperties.addAll(properties);
        List<Measurement> all = Measurement.all(clients, hitClients);
        List<QueryRun.Sample> samples = new ArrayList<>();
        QueryNodes.Facts facts;
        try (QueryNodes nodes = QueryNodes.start(serverMode, startedAt.replaceAll("[^0-9]", ""),
                new InProcessServer.Services(mariaDb), nodeProperties, work, minChunks, batchLines,
                Duration.ofMinutes(timeoutMinutes));
             QueryLoad load = QueryLoad.start()) {
            facts = nodes.facts();
            QueryRun run = new QueryRun(nodes, load, work.queries(), requests > 0 ? requests : work.queries().size(),
                    warmUp, topK);
            log("warming up both nodes and the load generator (not recorded)");
            run.warmUp();
            for (int round = 1; round <= rounds; round++) {
                for (Measurement m : Measurement.roundOrder(all, round)) {
                    samples.add(run.measure(m, round));
                }
            }
        }
        QueryReport.Inputs inputs = new QueryReport.Inputs(serverMode, corpus, work.source(), work.queries().size(),
                requests > 0 ? requests : work.queries().size(), warmUp, rounds, topK, minChunks, chunkTokens,
                batchLines, List.copyOf(properties));
        BenchReport report = new QueryReport(inputs, facts, all, samples).toBenchReport(reportName(serverMode),
                startedAt, command(), machine);
        Path folder = report.writeTo(out != null ? out : ProjectLayout.defaultResults());
        System.out.println(report.toMarkdown());
        log("report written to %s", folder.toAbsolutePath());
        return 0;
    }

    private ServerMode validate() {
        if (!corpus.equals("demo") && !corpus.equals("scifact")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--corpus is demo or scifact");
        }
        if (rounds < 1 || minChunks < 0 || chunkTokens < 0 || requests < 0 || warmUp < 0 || batchLines < 1
                || topK < 1 || clients.stream().anyMatch(c -> c < 1) || hitClients.stream().anyMatch(c -> c < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "need --rounds, --batch-lines, --top-k and "
                    + "every client count >= 1, the other numbers >= 0");
        }
        if (!clients.contains(1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--clients must include 1: the miss "
                    + "latency at 1 client is compared with the direct baseline");
        }
        try {
            return ServerMode.named(mode);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** {@code query-<mode>}, or {@code query-50k-<mode>} for {@code --min-chunks 50000}. */
    private String reportName(ServerMode serverMode) {
        String scale = minChunks == 0 ? "" : minChunks % 1000 == 0 ? minChunks / 1000 + "k-" : minChunks + "-";
        return "query-" + scale + serverMode.label();
    }

    /** How to repeat this run. */
    private String command() {
        List<String> args = spec.commandLine().getParseResult() == null ? List.of()
                : spec.commandLine().getParseResult().originalArgs();
        return "java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp "
                + "supportkb-server/target/classes:$(cat bench/tmp/cp.txt) " + QueryBenchmark.class.getName()
                + (args.isEmpty() ? "" : " " + String.join(" ", args));
    }

    static void log(String format, Object... args) {
        System.err.printf("[query-bench] " + format + "%n", args);
    }
}
