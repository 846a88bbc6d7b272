package io.supportkb.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.supportkb.ml.bench.BenchReport;
import io.supportkb.ml.bench.MachineInfo;
import io.supportkb.ml.bench.ProjectLayout;
import io.supportkb.ml.embed.EmbedderConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kb bench ingest}: end-to-end ingestion throughput, in chunks per second from upload to searchable,
 * against the plain embedder on the same chunks in the same run (target: at least 0.85 of it), and what
 * re-uploading the same corpus with a few documents edited costs compared with the first ingest.
 *
 * <p>Each round runs the baseline ({@link PlainEmbedderRun}: chunk, then time {@code embedPassages} over every
 * chunk) and the candidate ({@link ServerIngestRun}: a fresh server in this process, JSON Lines uploads over HTTP,
 * clock stopped when the last change is applied to the node's index), in ABBA order (baseline first in odd rounds,
 * server first in even ones) so a shared machine's changing load hits both alike; the report takes medians, and
 * CPU seconds per chunk as the load-independent comparison. Writes {@code report.json} and {@code report.md} to
 * {@code bench/results/<yyyyMMdd-HHmmss>-ingest-<mode>/}.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"End-to-end ingestion throughput (upload to searchable, chunks/s) of an in-process server "
                + "against the plain embedder on the same chunks, and the cost of re-uploading the corpus with a few "
                + "documents edited. Reports go to bench/results/<time>-ingest-<mode>/."})
public final class IngestBenchmark implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--docs", defaultValue = "1000", description = "Documents to ingest (default ${DEFAULT-VALUE}).")
    int docs;

    @Option(names = "--corpus", defaultValue = "scifact",
            description = "scifact (corpus.jsonl of --dataset, title + text) or demo (the project's demo/ folder).")
    String corpus;

    @Mixin
    CorpusFolders folders;

    @Option(names = "--profile", defaultValue = "",
            description = "Server profiles: none = embedded (H2, temp data dir), mysql,redis = production mode.")
    String profile;

    @Option(names = "--rounds", defaultValue = "2",
            description = "Baseline/candidate pairs, alternating (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--batch-lines", defaultValue = "200",
            description = "JSON Lines per upload request (default ${DEFAULT-VALUE}).")
    int batchLines;

    @Option(names = "--warmup-docs", defaultValue = "20", description = "SciFact documents outside the measured "
            + "ones, ingested into a warm-up collection first (default ${DEFAULT-VALUE}).")
    int warmUpDocs;

    @Option(names = "--modified-percent", defaultValue = "5", description = "Share of documents edited (one "
            + "sentence appended) for the re-upload (default ${DEFAULT-VALUE}).")
    double modifiedPercent;

    @Option(names = "--mariadb", defaultValue = "jdbc:mariadb://127.0.0.1:3306/", description = "MariaDB/MySQL "
            + "server for production mode (root, no password); database supportkb_bench_<time>_r<round> is created "
            + "and dropped.")
    String mariaDb;

    @Option(names = "--set", paramLabel = "NAME=VALUE",
            description = "Extra server property, repeatable (e.g. --set supportkb.indexing.worker-threads=1).")
    List<String> properties = new ArrayList<>();

    @Option(names = "--sessions", defaultValue = "2", description = "ONNX passage sessions, on both sides: the "
            + "server's supportkb.indexing.model.sessions and the baseline's EmbedderConfig (default ${DEFAULT-VALUE}, "
            + "as application.yaml).")
    int sessions;

    @Option(names = "--intra-op-threads", defaultValue = "1", description = "ONNX intra-op threads per passage "
            + "session, on both sides (default ${DEFAULT-VALUE}, as application.yaml).")
    int intraOpThreads;

    @Option(names = "--timeout-minutes", defaultValue = "60",
            description = "Longest wait for one phase (default ${DEFAULT-VALUE}).")
    int timeoutMinutes;

    @Option(names = "--keep-data", description = "Keep each round's data dir, database and Redis keys.")
    boolean keep;

    @Option(names = "--out", description = "Results folder (default bench/results of the project).")
    Path out;

    public IngestBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new IngestBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        validate();
        Path datasetDir = folders.dataset();
        Path demo = folders.demo();
        ServerMode mode = ServerMode.of(profile);
        IngestWorkload work = IngestWorkload.prepare(corpus, datasetDir, demo, docs, warmUpDocs, modifiedPercent);
        String startedAt = BenchReport.now();
        MachineInfo machine = MachineInfo.current();
        log("%d documents (%s), %d for warm-up, %d edited for the re-upload; mode %s, %d rounds",
                work.documents().size(), corpus, work.warmUp().size(), work.edited(), mode.label(), rounds);
        String runName = startedAt.replaceAll("[^0-9]", "");
        EmbedderConfig embedding = new EmbedderConfig(sessions, intraOpThreads, 1, false);
        List<String> serverProperties = new ArrayList<>(properties);
        serverProperties.add("supportkb.indexing.model.sessions=" + sessions);
        serverProperties.add("supportkb.indexing.model.intra-op-threads=" + intraOpThreads);
        ServerIngestRun candidate = new ServerIngestRun(new ServerIngestRun.Settings(mode, runName,
                new InProcessServer.Services(mariaDb), List.copyOf(serverProperties), keep, batchLines,
                Duration.ofMinutes(timeoutMinutes)));
        List<PlainEmbedderRun.Result> baselines = new ArrayList<>();
        List<ServerIngestRun.Result> candidates = new ArrayList<>();
        String modelId;
        try (PlainEmbedderRun baseline = PlainEmbedderRun.load(embedding, work.documents(), work.warmUp())) {
            modelId = baseline.modelId();
            for (int round = 1; round <= rounds; round++) {
                // ABBA: odd rounds run the baseline first, even rounds the server, so a trend in the machine's
                // load favours neither side
                if (round % 2 == 0) {
                    candidates.add(candidate.run(round, work.documents(), work.warmUp(), work.reupload()));
                }
                PlainEmbedderRun.Result base = baseline.run(round);
                log("round %d: baseline %d chunks embedded in %.1f s = %.1f chunks/s", round, base.chunks(),
                        base.embedNanos() / 1e9, base.chunksPerSecond());
                baselines.add(base);
                if (round % 2 == 1) {
                    candidates.add(candidate.run(round, work.documents(), work.warmUp(), work.reupload()));
                }
            }
        }
        IngestReport.Inputs inputs = new IngestReport.Inputs(corpus, (corpus.equals("demo") ? demo : datasetDir)
                .toString(), work.documents().size(), work.warmUp().size(), work.edited(), modifiedPercent,
                batchLines, rounds, mode, List.copyOf(properties), modelId, embedding);
        BenchReport report = new IngestReport(inputs, baselines, candidates)
                .toBenchReport(startedAt, command(), machine);
        Path folder = report.writeTo(out != null ? out : ProjectLayout.defaultResults());
        System.out.println(report.toMarkdown());
        log("report written to %s", folder.toAbsolutePath());
        return 0;
    }

    private void validate() {
        if (!corpus.equals("scifact") && !corpus.equals("demo")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--corpus is scifact or demo, was " + corpus);
        }
        if (docs < 1 || rounds < 1 || batchLines < 1 || warmUpDocs < 0 || timeoutMinutes < 1
                || modifiedPercent < 0 || modifiedPercent > 100) {
            throw new CommandLine.ParameterException(spec.commandLine(), "need --docs, --rounds, --batch-lines, "
                    + "--timeout-minutes >= 1, --warmup-docs >= 0 and --modified-percent in 0..100");
        }
    }

    /** How to repeat this run: {@code kb bench ingest ...} when mounted in the CLI, else the java command. */
    private String command() {
        List<String> args = spec.commandLine().getParseResult() == null ? List.of()
                : spec.commandLine().getParseResult().originalArgs();
        String program = spec.parent() != null ? spec.qualifiedName()
                : "java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp ... "
                        + IngestBenchmark.class.getName();
        return program + (args.isEmpty() ? "" : " " + String.join(" ", args));
    }

    static void log(String format, Object... args) {
        System.err.printf("[ingest-bench] " + format + "%n", args);
    }
}
