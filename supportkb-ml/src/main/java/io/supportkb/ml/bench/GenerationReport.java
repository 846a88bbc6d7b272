package io.supportkb.ml.bench;

import static io.supportkb.ml.bench.GenerationBenchmark.BASELINE;
import static io.supportkb.ml.bench.GenerationBenchmark.CANDIDATE;
import static io.supportkb.ml.bench.GenerationBenchmark.FLOOR;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.supportkb.ml.bench.AlternatingRounds.Timings;
import io.supportkb.ml.bench.BenchReport.Table;
import io.supportkb.ml.bench.GenerationBenchmark.Options;
import io.supportkb.ml.bench.GenerationBenchmark.Sample;
import io.supportkb.ml.llm.JlamaChatModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Turns the samples of a {@link GenerationBenchmark} run into report tables; per-round figures, medians over rounds. */
final class GenerationReport {

    private static final Map<String, String> WHAT = Map.of(
            BASELINE, "AbstractModel.generate(session, PromptSupport prompt, temperature 0, ntokens); KV pages memory-mapped "
                    + "in Jlama's working directory; prompt in one batch",
            FLOOR, "batchForward(prompt) once, then forward + greedy sample per token; KV in ephemeral off-heap pages; "
                    + "Jlama's per-token decode; nothing else",
            CANDIDATE, "JlamaChatModel.generate(ChatPrompt, greedy, onToken); own loop over Jlama's forward/sample; KV in "
                    + "Jlama's off-heap tensor cache; prompt in chunks of 64; timeout checks; UTF-8 reassembly");

    private static final List<String> CONTENDERS = List.of(BASELINE, FLOOR, CANDIDATE);

    private final Options options;
    private final Map<String, List<Sample>> samples;
    private final Map<String, Timings> timings;
    private final JlamaChatModel candidate;
    private final int vocabulary;

    GenerationReport(Options options, Map<String, List<Sample>> samples, Map<String, Timings> timings,
            JlamaChatModel candidate, Path modelDir) throws IOException {
        this.options = options;
        this.samples = samples;
        this.timings = timings;
        this.candidate = candidate;
        this.vocabulary = new ObjectMapper().readTree(modelDir.resolve("config.json").toFile()).get("vocab_size").asInt();
    }

    Map<String, Object> settings() {
        int h = options.hidden();
        long parameters = 2L * vocabulary * h + (long) options.layers() * (4L * h * h + 3L * 2 * h * h + 2L * h) + h;
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("model", "TinyModelWriter random Llama: hidden " + h + ", " + options.layers() + " layers, 4 heads (head size "
                + h / 4 + "), MLP " + 2 * h + ", vocabulary " + vocabulary + ", context 2048, seed 42; "
                + String.format("%.2f", parameters / 1e6) + " M parameters, F32");
        s.put("prompt", samples.get(CANDIDATE).getFirst().promptTokens() + " tokens (system + user with one context passage, "
                + "Llama 3 chat template, BOS included)");
        s.put("completion tokens per generation", options.tokens() + " (greedy; the random model never emits EOS)");
        s.put("generations per contender per round", options.generations());
        s.put("rounds (after 2 warm-up generations each)", options.rounds());
        s.put("Jlama", "jlama-core 0.8.4, Panama Vector API (no jlama-native), working memory F32");
        s.put("Jlama compute threads", candidate.threads());
        return s;
    }

    List<Table> tables() {
        List<List<String>> speed = new ArrayList<>();
        for (String name : CONTENDERS) {
            speed.add(List.of(name, WHAT.get(name), String.valueOf(samples.get(name).getFirst().tokens()),
                    f1(Percentiles.median(perRound(name, GenerationReport::endToEndRate))),
                    f1(Percentiles.median(perRound(name, GenerationReport::decodeRate))),
                    f1(LatencySummary.ofNanos(firstTokenNanos(name)).p50Ms()),
                    f1(LatencySummary.ofNanos(firstTokenNanos(name)).p90Ms()),
                    f1(LatencySummary.ofNanos(timings.get(name).allOperations()).p50Ms())));
        }
        ToDoubleFunction<List<Sample>> roundSeconds = round -> round.stream().mapToLong(Sample::nanos).sum() / 1e9;
        List<List<String>> ratios = List.of(
                List.of("end-to-end tokens/s", spread(ratios(BASELINE, roundSeconds, true)),
                        spread(ratios(FLOOR, roundSeconds, true))),
                List.of("decode tokens/s (after the first token)", spread(ratios(BASELINE, GenerationReport::decodeRate, false)),
                        spread(ratios(FLOOR, GenerationReport::decodeRate, false))),
                List.of("time to first token (reference / JlamaChatModel)",
                        spread(ratios(BASELINE, GenerationReport::firstTokenSeconds, true)),
                        spread(ratios(FLOOR, GenerationReport::firstTokenSeconds, true))));
        return List.of(
                new Table("Speed (medians over rounds; latencies over all generations)", List.of("contender", "what",
                        "tokens / generation", "end-to-end tokens/s", "decode tokens/s", "first token p50 ms",
                        "first token p90 ms", "generation p50 ms"), speed),
                new Table("JlamaChatModel relative to each reference: median of per-round ratios (lowest-highest round); "
                        + "above 1 = JlamaChatModel faster",
                        List.of("measure", "vs " + BASELINE, "vs " + FLOOR), ratios),
                new Table("Output check", List.of("check", "result"), List.of(
                        List.of("every generation of a contender gives the same text",
                                yes(CONTENDERS.stream().allMatch(this::allSame))),
                        List.of("the bare loop's text equals Jlama generate's", yes(firstText(FLOOR).equals(firstText(BASELINE)))),
                        List.of("JlamaChatModel's text equals Jlama generate's read as UTF-8 bytes (same tokens)",
                                yes(firstText(CANDIDATE).equals(asUtf8(firstText(BASELINE))))))));
    }

    List<String> notes() {
        return List.of(
                "All contenders run the same Jlama forward pass and greedy sampler on the same weights and generate the same "
                        + "tokens; what differs is the loop around them (see the 'what' column). Jlama's own generate keeps its "
                        + "key/value cache in memory-mapped page files under its working directory; the bare loop and "
                        + "JlamaChatModel use Jlama's ephemeral, off-heap pages. JlamaChatModel vs the bare loop is the cost "
                        + "of the wrapper itself (template, chunked prefill, timeout checks, streaming, UTF-8 reassembly).",
                "Jlama decodes byte-level tokens to one char per byte (Latin-1), so its text of a non-ASCII byte sequence is "
                        + "mojibake; JlamaChatModel reassembles UTF-8 (invalid bytes of the random model become U+FFFD).",
                "The model is random and small, so a token costs little arithmetic and the per-operation hand-offs to Jlama's "
                        + "thread pool weigh more than they would on a real 1B-parameter model; treat the ratio as the overhead "
                        + "of the wrapper on a cheap model, an upper bound for real ones.",
                "Time to first token includes rendering the chat template, tokenizing and the whole prompt's forward pass.",
                "The machine is shared (see the load average): rounds scatter, so read a median ratio only against the "
                        + "range of its rounds; the same tokens are computed either way.");
    }

    Map<String, Object> raw() {
        Map<String, Object> raw = new LinkedHashMap<>();
        for (String name : CONTENDERS) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("generationNanosPerRound", timings.get(name).rounds());
            r.put("firstTokenNanos", firstTokenNanos(name));
            r.put("endToEndTokensPerSecondPerRound", perRound(name, GenerationReport::endToEndRate));
            r.put("decodeTokensPerSecondPerRound", perRound(name, GenerationReport::decodeRate));
            r.put("firstText", samples.get(name).getFirst().text());
            raw.put(name, r);
        }
        return raw;
    }

    /** {@code measure} of each round's samples. */
    private double[] perRound(String name, ToDoubleFunction<List<Sample>> measure) {
        List<Sample> all = samples.get(name);
        int g = options.generations();
        double[] values = new double[options.rounds()];
        for (int r = 0; r < values.length; r++) {
            values[r] = measure.applyAsDouble(all.subList(r * g, (r + 1) * g));
        }
        return values;
    }

    /** Per round, reference / candidate ({@code lowerIsFaster}: a time) or candidate / reference (a rate). */
    private double[] ratios(String reference, ToDoubleFunction<List<Sample>> measure, boolean lowerIsFaster) {
        double[] base = perRound(reference, measure);
        double[] candidateValues = perRound(CANDIDATE, measure);
        double[] ratios = new double[base.length];
        for (int r = 0; r < ratios.length; r++) {
            ratios[r] = lowerIsFaster ? base[r] / candidateValues[r] : candidateValues[r] / base[r];
        }
        return ratios;
    }

    private static String spread(double[] ratios) {
        return f2(Percentiles.median(ratios)) + " (" + f2(Arrays.stream(ratios).min().orElseThrow()) + "-"
                + f2(Arrays.stream(ratios).max().orElseThrow()) + ")";
    }

    private static double endToEndRate(List<Sample> round) {
        return round.stream().mapToLong(Sample::tokens).sum() * 1e9 / round.stream().mapToLong(Sample::nanos).sum();
    }

    private static double decodeRate(List<Sample> round) {
        return round.stream().mapToLong(s -> s.tokens() - 1).sum() * 1e9
                / round.stream().mapToLong(s -> s.nanos() - s.firstTokenNanos()).sum();
    }

    private static double firstTokenSeconds(List<Sample> round) {
        return round.stream().mapToLong(Sample::firstTokenNanos).sum() / 1e9 / round.size();
    }

    private long[] firstTokenNanos(String name) {
        return samples.get(name).stream().mapToLong(Sample::firstTokenNanos).toArray();
    }

    private String firstText(String name) {
        return samples.get(name).getFirst().text();
    }

    /** Jlama's one-char-per-byte text as the UTF-8 it encodes. */
    private static String asUtf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private boolean allSame(String name) {
        return samples.get(name).stream().map(Sample::text).distinct().count() == 1;
    }

    private static String yes(boolean value) {
        return value ? "yes" : "no";
    }

    private static String f1(double value) {
        return String.format("%.1f", value);
    }

    private static String f2(double value) {
        return String.format("%.2f", value);
    }
}
