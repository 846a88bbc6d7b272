package io.supportkb.ml.bench;

import static io.supportkb.ml.bench.EmbeddingBenchmark.BASELINE;
import static io.supportkb.ml.bench.EmbeddingBenchmark.BATCH8;
import static io.supportkb.ml.bench.EmbeddingBenchmark.CANDIDATE;
import static io.supportkb.ml.bench.EmbeddingBenchmark.INT8_BASELINE;
import static io.supportkb.ml.bench.EmbeddingBenchmark.INT8_EMBEDDER;
import static io.supportkb.ml.bench.EmbeddingBenchmark.NO_SPIN;
import static io.supportkb.ml.bench.EmbeddingBenchmark.TWO_SESSIONS;

import io.supportkb.ml.bench.AlternatingRounds.Timings;
import io.supportkb.ml.bench.BenchReport.Table;
import io.supportkb.ml.bench.EmbeddingBenchmark.Options;
import io.supportkb.ml.bench.EmbeddingBenchmark.Workbench;
import io.supportkb.ml.embed.Embedder;
import io.supportkb.ml.embed.EmbedderConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Turns the timings and the outputs of an {@link EmbeddingBenchmark} run into report tables; runs the untimed vector checks. */
final class EmbeddingReport {

    private static final Map<String, String> WHAT = Map.of(
            NO_SPIN, "as the baseline, with session.intra_op.allow_spinning=0 (diagnostic: cost of spin-waiting on a busy machine)",
            BASELINE, "plain OrtSession (2 intra-op threads, other options default), pre-tokenized, batch 1; times run + [CLS] copy only",
            CANDIDATE, "Embedder.embedPassages, default config: 1 session x 2 intra-op threads, batch 1; tokenization included",
            TWO_SESSIONS, "Embedder, 2 sessions x 1 intra-op thread, batch 1",
            BATCH8, "Embedder, 1 session x 2 threads, maxBatchSize 8 (only equal token lengths share a call)",
            INT8_BASELINE, "plain OrtSession as the baseline, int8 model bge-small-en-v1.5-q",
            INT8_EMBEDDER, "Embedder default config on the int8 model (loaded as a model folder)");
    /** Which measurement each row's ratio is taken against. */
    private static final Map<String, String> REFERENCE = Map.of(
            NO_SPIN, BASELINE, CANDIDATE, BASELINE, TWO_SESSIONS, BASELINE, BATCH8, BASELINE, INT8_BASELINE, BASELINE, INT8_EMBEDDER, INT8_BASELINE);

    private final Options options;
    private final Workbench bench;
    private final Map<String, Timings> timings;
    private final EqualLengthGroups groups;
    private final Map<String, VectorAgreement> agreements = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    EmbeddingReport(Options options, Workbench bench, Map<String, Timings> timings) throws Exception {
        this.options = options;
        this.bench = bench;
        this.timings = timings;
        this.groups = EqualLengthGroups.of(bench.tokens.ids());
        checkVectors();
    }

    private void checkVectors() throws Exception {
        List<float[]> baseline = Arrays.stream(bench.baselineCls).map(VectorAgreement::normalized).toList();
        List<float[]> candidate = vectors(CANDIDATE);
        agreements.put("Embedder 1x2 b1 vs baseline [CLS], normalised", VectorAgreement.of(candidate, baseline));
        agreements.put("Embedder 2x1 b1 vs Embedder 1x2 b1", VectorAgreement.of(vectors(TWO_SESSIONS), candidate));
        agreements.put("Embedder 1x2 b8 vs Embedder 1x2 b1", VectorAgreement.of(vectors(BATCH8), candidate));
        List<List<Integer>> batches = groups.sampleBatches(8, 8);
        agreements.put("fp32 plain session: in an equal-length batch vs alone", batchVsAlone(bench.plainFp32, bench.tokens, batches));
        if (bench.int8.isPresent()) {
            List<float[]> int8Baseline = Arrays.stream(bench.int8Cls).map(VectorAgreement::normalized).toList();
            agreements.put("int8 token ids vs fp32 token ids", new VectorAgreement(bench.tokens.ids().length,
                    sameIds(bench.tokens.ids(), bench.int8Tokens.ids()), 0, 1));
            agreements.put("int8 Embedder 1x2 b1 vs int8 baseline [CLS], normalised",
                    VectorAgreement.of(vectors(INT8_EMBEDDER), int8Baseline));
            agreements.put("int8 vs fp32 (Embedder b1, same passages)",
                    VectorAgreement.of(vectors(INT8_EMBEDDER), candidate));
            List<List<Integer>> int8Batches = EqualLengthGroups.of(bench.int8Tokens.ids()).sampleBatches(8, 8);
            agreements.put("int8 plain session: in an equal-length batch vs alone", batchVsAlone(bench.plainInt8, bench.int8Tokens, int8Batches));
            agreements.put("int8 Embedder maxBatchSize 8 vs maxBatchSize 1", int8EmbedderBatched(int8Batches));
        }
    }

    private int batch8Calls() {
        int calls = 0;
        for (int r = 0; r < bench.rounds; r++) {
            calls += EqualLengthGroups.of(Arrays.copyOfRange(bench.tokens.ids(), bench.sliceStart(r), bench.sliceStart(r + 1))).calls(8);
        }
        return calls;
    }

    private List<float[]> vectors(String contender) {
        return Arrays.asList(bench.vectors.get(contender));
    }

    /** Each sampled sequence embedded inside its batch and alone (raw [CLS], normalised). */
    private static VectorAgreement batchVsAlone(PlainOnnxSession session, TokenizedPassages tokens, List<List<Integer>> batches) throws Exception {
        List<float[]> inBatch = new ArrayList<>();
        List<float[]> alone = new ArrayList<>();
        for (List<Integer> batch : batches) {
            long[][] ids = batch.stream().map(i -> tokens.ids()[i]).toArray(long[][]::new);
            for (float[] cls : session.clsOfBatch(ids)) {
                inBatch.add(VectorAgreement.normalized(cls));
            }
            for (long[] sequence : ids) {
                alone.add(VectorAgreement.normalized(session.clsOfBatch(new long[][] {sequence})[0]));
            }
        }
        return VectorAgreement.of(inBatch, alone);
    }

    private VectorAgreement int8EmbedderBatched(List<List<Integer>> batches) {
        List<Integer> indices = batches.stream().flatMap(List::stream).toList();
        List<float[]> single = indices.stream().map(i -> vectors(INT8_EMBEDDER).get(i)).toList();
        try (Embedder batched = Embedder.load(bench.int8.orElseThrow(), EmbedderConfig.defaults().withTruncate(true).withMaxBatchSize(8))) {
            return VectorAgreement.of(batched.embedPassages(indices.stream().map(bench.passages::get).toList()), single);
        }
    }

    private static int sameIds(long[][] a, long[][] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            same += Arrays.equals(a[i], b[i]) ? 1 : 0;
        }
        return same;
    }

    Map<String, Object> settings() {
        double[] lengths = EmbeddingBenchmark.lengths(bench.tokens.ids());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("dataset", options.dataset().toAbsolutePath().normalize() + " (first " + bench.passages.size() + " docs of corpus.jsonl, title + \"\\n\" + text)");
        s.put("model", "bge-small-en-v1.5 fp32 (classpath, LangChain4j model jar), 384 dims, CLS pooling, 512-token limit");
        s.put("int8 model", bench.int8.isPresent() ? QuantizedModelJar.ARTIFACT + " read from " + options.int8Jar() : "skipped: " + options.int8Jar() + " not found");
        s.put("ONNX Runtime", bench.ortVersion);
        s.put("tokens per passage (incl. [CLS]/[SEP], after truncation)", String.format("mean %.1f, median %.0f, min %.0f, max %.0f; total %d",
                Arrays.stream(lengths).average().orElse(0), Percentiles.median(lengths), Arrays.stream(lengths).min().orElse(0),
                Arrays.stream(lengths).max().orElse(0), bench.tokens.totalTokens()));
        s.put("passages truncated to 512 tokens", bench.tokens.truncated());
        s.put("maxBatchSize 8: ONNX calls", batch8Calls() + " for " + bench.passages.size() + " passages in " + bench.rounds
                + " slices (a single call with all passages would need " + groups.calls(8) + "; "
                + groups.sharingALength() + " passages share their token length with another)");
        s.put("rounds", bench.rounds + " alternating rounds (ABBA order), round r = the r-th of " + bench.rounds
                + " consecutive slices of the passages, one embedPassages call per slice; before them one warm-up of "
                + options.warmUpPassages() + " passages per contender");
        s.put("statistic", "throughput = all passages (tokens) / all timed seconds; ratio = median over rounds of the "
                + "per-round ratio (same slice, adjacent in time), and the ratio of the totals");
        s.put("timer", "System.nanoTime around the timed region (a benchmark, not production code: no Micrometer here)");
        return s;
    }

    List<Table> tables() {
        List<List<String>> rows = new ArrayList<>();
        for (Timings t : timings.values()) {
            long[] nanos = t.roundTotals();
            double seconds = Arrays.stream(nanos).sum() / 1e9;
            long tokenCount = t.name().equals(INT8_EMBEDDER) || t.name().equals(INT8_BASELINE)
                    ? bench.int8Tokens.totalTokens() : bench.tokens.totalTokens();
            String reference = REFERENCE.get(t.name());
            String ratio = "1 (reference)";
            String ofTotals = "";
            String perRound = "";
            if (reference != null) {
                long[] base = timings.get(reference).roundTotals();
                ratio = String.format("%.3f vs %s", AlternatingRounds.medianSpeedRatio(base, nanos), reference);
                ofTotals = String.format("%.3f", Arrays.stream(base).sum() / 1e9 / seconds);
                perRound = String.join(", ", IntStream.range(0, nanos.length)
                        .mapToObj(r -> String.format("%.2f", (double) base[r] / nanos[r])).toList());
            }
            rows.add(List.of(t.name(), WHAT.get(t.name()), String.format("%.2f", bench.passages.size() / seconds),
                    String.format("%.0f", tokenCount / seconds), ratio, ofTotals, perRound, String.format("%.1f", seconds)));
        }
        List<List<String>> checks = new ArrayList<>();
        agreements.forEach((what, a) -> checks.add(List.of(what, String.valueOf(a.compared()), String.valueOf(a.bitIdentical()),
                String.format("%.3g", a.maxAbsDiff()), String.format("%.8f", a.minCosine()))));
        return List.of(
                new Table("Throughput", List.of("contender", "what is timed", "passages/s (all rounds)", "tokens/s (all rounds)",
                        "throughput ratio: median of per-round ratios", "ratio of totals", "per-round ratios", "total seconds"), rows),
                new Table("Vector checks (untimed, after the rounds)", List.of("comparison", "vectors", "bit-identical", "max abs diff", "min cosine"), checks));
    }

    List<String> notes() {
        List<String> out = new ArrayList<>(notes);
        double ratio = AlternatingRounds.medianSpeedRatio(timings.get(BASELINE).roundTotals(), timings.get(CANDIDATE).roundTotals());
        out.add(String.format("Embedder (default config) reaches %.3f of the plain-session ceiling; target >= 0.95: %s.",
                ratio, ratio >= 0.95 ? "met" : "NOT met"));
        out.add(String.format("maxBatchSize 8 can only batch sequences of equal token length: it made %d ONNX calls for %d "
                + "passages (slices of ~%d), so batching barely changes the work.", batch8Calls(), bench.passages.size(),
                bench.passages.size() / bench.rounds));
        if (bench.int8.isPresent()) {
            VectorAgreement composition = agreements.get("int8 Embedder maxBatchSize 8 vs maxBatchSize 1");
            out.add(composition.bitIdentical() == composition.compared()
                    ? "int8: vectors do not depend on batch composition (bit-identical in and out of equal-length batches)."
                    : String.format("int8: vectors DO depend on batch composition: %d of %d sequences changed when batched with "
                            + "others of equal length (max |diff| %.3g, min cosine %.6f); dynamic quantisation takes its scale "
                            + "over the whole batch. Only batch size 1 keeps int8 deterministic.", composition.compared() - composition.bitIdentical(),
                            composition.compared(), composition.maxAbsDiff(), composition.minCosine()));
        } else {
            out.add("int8 skipped: " + options.int8Jar() + " not found.");
        }
        return out;
    }

    Map<String, Object> raw() {
        Map<String, Object> raw = new LinkedHashMap<>();
        Map<String, long[]> roundNanos = new LinkedHashMap<>();
        timings.forEach((name, t) -> roundNanos.put(name, t.roundTotals()));
        raw.put("roundNanos", roundNanos);
        raw.put("passages", bench.passages.size());
        raw.put("tokens", bench.tokens.totalTokens());
        raw.put("int8Tokens", bench.int8Tokens == null ? null : bench.int8Tokens.totalTokens());
        raw.put("vectorChecks", agreements);
        return raw;
    }
}
