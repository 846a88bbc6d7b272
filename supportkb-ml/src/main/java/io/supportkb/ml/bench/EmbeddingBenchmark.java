package io.supportkb.ml.bench;

import ai.onnxruntime.OrtEnvironment;
import io.supportkb.ml.bench.AlternatingRounds.Contender;
import io.supportkb.ml.bench.AlternatingRounds.Timings;
import io.supportkb.ml.embed.Embedder;
import io.supportkb.ml.embed.EmbedderConfig;
import io.supportkb.ml.embed.ModelSource;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Embedding throughput of {@link Embedder} against the ceiling of a plain ONNX Runtime session
 * ({@link PlainOnnxSession}) on the same real passages in the same run.
 *
 * <p>Inputs: the first {@code --passages} documents (default 1,000) of SciFact's {@code corpus.jsonl},
 * title + newline + text, cut to the model's 512 tokens. The candidate is {@code
 * Embedder.embedPassages} with the default config (1 session x 2 intra-op threads, batch size 1) timed
 * end to end, tokenization included; the baseline times only {@code session.run} and the [CLS] copy on
 * pre-tokenized ids. Variants: 2 sessions x 1 thread, batch size 8 (equal lengths only), the int8
 * model if its jar is in the local Maven repository, and, to explain the thread variants, the baseline
 * with ONNX Runtime's intra-op spin-waiting switched off. Contenders alternate on one slice of the passages
 * per round (see {@link AlternatingRounds}); tokens/s counts every token the model sees, [CLS] and
 * [SEP] included.
 */
public final class EmbeddingBenchmark {

    /**
     * @param dataset a directory in BEIR layout; only {@code corpus.jsonl} is read
     * @param passages how many documents to embed per round
     * @param rounds alternating rounds after the warm-up; round r embeds the r-th of {@code rounds}
     *     consecutive slices of the passages, so every passage is embedded once per contender and
     *     contenders alternate every few seconds (a shared machine's load changes faster than a full pass)
     * @param warmUpPassages passages each contender embeds once before the first round (not timed)
     * @param resultsDir where the report folder is created
     * @param int8Jar the LangChain4j bge-small-en-v1.5-q jar; the int8 rows are skipped if it does not exist
     */
    public record Options(Path dataset, int passages, int rounds, int warmUpPassages, Path resultsDir, Path int8Jar) {

        public static Options defaults() {
            return new Options(ProjectLayout.defaultScifact(), 1000, 20, 32, ProjectLayout.defaultResults(),
                    QuantizedModelJar.defaultJar());
        }

        static Options parse(String[] args) {
            Options d = defaults();
            BenchArgs a = new BenchArgs(args, Set.of("dataset", "passages", "rounds", "warmup", "out", "int8-jar"));
            return new Options(Path.of(a.string("dataset", d.dataset().toString())), a.integer("passages", d.passages()),
                    a.integer("rounds", d.rounds()), a.integer("warmup", d.warmUpPassages()),
                    Path.of(a.string("out", d.resultsDir().toString())), Path.of(a.string("int8-jar", d.int8Jar().toString())));
        }
    }

    static final String BASELINE = "onnx-fp32 (baseline)";
    static final String NO_SPIN = "onnx-fp32 no-spin";
    static final String CANDIDATE = "embedder 1x2 b1";
    static final String TWO_SESSIONS = "embedder 2x1 b1";
    static final String BATCH8 = "embedder 1x2 b8";
    static final String INT8_BASELINE = "onnx-int8";
    static final String INT8_EMBEDDER = "embedder-int8 1x2 b1";
    private static final int DIMENSIONS = 384;

    private EmbeddingBenchmark() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        run(options, BenchReport.commandLine(EmbeddingBenchmark.class, args)).publish(options.resultsDir());
    }

    public static BenchReport run(Options options, String command) throws Exception {
        String startedAt = BenchReport.now();
        MachineInfo machine = MachineInfo.current();
        List<String> passages = BeirSample.firstDocs(options.dataset(), options.passages()).stream()
                .map(BeirSample.Doc::passage).toList();
        log("%d passages from %s", passages.size(), options.dataset());
        try (Workbench bench = new Workbench(options, passages)) {
            Map<String, Timings> timings = AlternatingRounds.run(bench.contenders(), options.rounds(), EmbeddingBenchmark::log);
            EmbeddingReport report = new EmbeddingReport(options, bench, timings);
            return new BenchReport("embedding", "Embedding throughput: Embedder vs a plain ONNX Runtime session",
                    startedAt, command, machine, MachineInfo.loadAverageNow(), report.settings(), report.tables(),
                    report.notes(), report.raw());
        }
    }

    static void log(String format, Object... args) {
        System.err.printf("[embedding-bench] " + format + "%n", args);
    }

    private static void log(String message) {
        log("%s", message);
    }

    /** Everything the contenders need, loaded before timing and closed after. */
    static final class Workbench implements AutoCloseable {
        final List<String> passages;
        final int rounds;
        final TokenizedPassages tokens;
        final float[][] baselineCls;
        /** Each Embedder contender's vectors, filled slice by slice: every passage is embedded once per contender. */
        final Map<String, float[][]> vectors = new LinkedHashMap<>();
        final ModelSource fp32 = ModelSource.of(ModelSource.DEFAULT);
        final String ortVersion = OrtEnvironment.getEnvironment().getVersion();
        private final List<AutoCloseable> resources = new ArrayList<>();
        private final List<Contender> contenders = new ArrayList<>();
        final Optional<ModelSource> int8;
        TokenizedPassages int8Tokens;
        float[][] int8Cls;
        PlainOnnxSession plainFp32;
        PlainOnnxSession plainInt8;
        Path int8Folder;

        Workbench(Options options, List<String> passages) throws Exception {
            this.passages = passages;
            this.rounds = options.rounds();
            if (rounds < 1 || rounds > passages.size()) {
                throw new IllegalArgumentException("--rounds must be in 1.." + passages.size() + " (one slice of passages per round), was " + rounds);
            }
            int warm = Math.min(options.warmUpPassages(), passages.size());
            tokens = TokenizedPassages.of(fp32, passages);
            baselineCls = new float[passages.size()][DIMENSIONS];
            byte[] fp32Onnx = readOnnx(fp32);
            plainFp32 = closeLater(new PlainOnnxSession(fp32Onnx, 2, true, DIMENSIONS));
            addPlain(BASELINE, plainFp32, tokens, baselineCls, warm);
            addPlain(NO_SPIN, closeLater(new PlainOnnxSession(fp32Onnx, 2, false, DIMENSIONS)), tokens,
                    new float[passages.size()][DIMENSIONS], warm);
            EmbedderConfig defaults = EmbedderConfig.defaults().withTruncate(true);
            addEmbedder(CANDIDATE, fp32, defaults, warm);
            addEmbedder(TWO_SESSIONS, fp32, defaults.withSessions(2, 1), warm);
            addEmbedder(BATCH8, fp32, defaults.withMaxBatchSize(8), warm);
            int8Folder = Files.createTempDirectory("supportkb-int8-");
            int8 = QuantizedModelJar.extract(options.int8Jar(), int8Folder);
            if (int8.isPresent()) {
                int8Tokens = TokenizedPassages.of(int8.get(), passages);
                int8Cls = new float[passages.size()][DIMENSIONS];
                plainInt8 = closeLater(new PlainOnnxSession(readOnnx(int8.get()), 2, true, DIMENSIONS));
                addPlain(INT8_BASELINE, plainInt8, int8Tokens, int8Cls, warm);
                addEmbedder(INT8_EMBEDDER, int8.get(), defaults, warm);
            } else {
                log("int8 model skipped: %s does not exist", options.int8Jar());
            }
        }

        List<Contender> contenders() {
            return contenders;
        }

        /** First passage of round {@code round}; round {@code rounds} gives the end. */
        int sliceStart(int round) {
            return (int) ((long) round * passages.size() / rounds);
        }

        private void addPlain(String name, PlainOnnxSession session, TokenizedPassages input, float[][] out, int warm) throws Exception {
            PlainOnnxSession.Prepared[] slices = new PlainOnnxSession.Prepared[rounds];
            for (int r = 0; r < rounds; r++) {
                slices[r] = closeLater(session.prepare(Arrays.copyOfRange(input.ids(), sliceStart(r), sliceStart(r + 1))));
            }
            PlainOnnxSession.Prepared head = closeLater(session.prepare(input.head(warm).ids()));
            float[][] scratch = new float[warm][DIMENSIONS];
            contenders.add(new Contender(name, r -> new long[] {head.run(scratch)},
                    // the row arrays are shared, so the slice's [CLS] states land in out
                    r -> new long[] {slices[r].run(Arrays.copyOfRange(out, sliceStart(r), sliceStart(r + 1)))}));
        }

        private void addEmbedder(String name, ModelSource source, EmbedderConfig config, int warm) {
            Embedder embedder = closeLater(Embedder.load(source, config));
            float[][] out = new float[passages.size()][];
            vectors.put(name, out);
            contenders.add(new Contender(name, r -> {
                embedder.embedPassages(passages.subList(0, warm));
                return new long[0];
            }, r -> {
                List<String> slice = passages.subList(sliceStart(r), sliceStart(r + 1));
                long start = System.nanoTime();
                List<float[]> embedded = embedder.embedPassages(slice);
                long elapsed = System.nanoTime() - start;
                for (int i = 0; i < embedded.size(); i++) {
                    out[sliceStart(r) + i] = embedded.get(i);
                }
                return new long[] {elapsed};
            }));
        }

        private <T extends AutoCloseable> T closeLater(T resource) {
            resources.add(resource);
            return resource;
        }

        private static byte[] readOnnx(ModelSource source) throws Exception {
            try (InputStream in = source.openOnnx()) {
                return in.readAllBytes();
            }
        }

        @Override
        public void close() throws Exception {
            for (int i = resources.size() - 1; i >= 0; i--) {
                resources.get(i).close();
            }
            if (int8Folder != null) {
                try (var files = Files.walk(int8Folder)) {
                    for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }

    static double[] lengths(long[][] ids) {
        return Arrays.stream(ids).mapToDouble(s -> s.length).toArray();
    }
}
