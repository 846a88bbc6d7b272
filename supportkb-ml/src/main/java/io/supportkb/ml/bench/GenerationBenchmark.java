package io.supportkb.ml.bench;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.safetensors.prompt.PromptContext;
import com.github.tjake.jlama.tensor.AbstractTensor;
import com.github.tjake.jlama.tensor.KvBufferCache;
import io.supportkb.ml.bench.AlternatingRounds.Contender;
import io.supportkb.ml.bench.AlternatingRounds.Timings;
import io.supportkb.ml.llm.ChatPrompt;
import io.supportkb.ml.llm.Generation;
import io.supportkb.ml.llm.GenerationOptions;
import io.supportkb.ml.llm.JlamaChatModel;
import io.supportkb.ml.llm.TinyModelWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Generation speed of {@link JlamaChatModel} against calling Jlama's own {@code AbstractModel.generate} directly, on
 * the same random-weight {@link TinyModelWriter} model, prompt and token count, in the same run, with a third contender
 * as the floor: a bare loop over Jlama's forward pass and sampler, which is what any wrapper must at least do.
 *
 * <p>Both contenders load the model folder separately and decode greedily. The baseline renders the prompt with Jlama's
 * {@code PromptSupport} and asks {@code generate} for exactly {@code --tokens} tokens (it emits one more token than
 * {@code ntokens - promptTokens}); the candidate is {@code JlamaChatModel.generate}, which runs its own decoding loop
 * (seeded sampler, chunked prefill, timeout checks, UTF-8 reassembly). Every round runs {@code --generations}
 * generations per contender, in alternating order (see {@link AlternatingRounds}). Per generation the benchmark records
 * wall time, time to first token (call to first streamed piece, so prefill included) and the streamed tokens.
 */
public final class GenerationBenchmark {

    /**
     * @param rounds      alternating rounds after the warm-up
     * @param generations generations per contender per round
     * @param tokens      completion tokens per generation
     * @param hidden      hidden size of the random model (4 heads, so head size {@code hidden / 4})
     * @param layers      transformer blocks of the random model
     * @param threads     Jlama's compute threads, 0 for its default (half the cores, at least 2)
     * @param resultsDir  where the report folder is created
     */
    public record Options(int rounds, int generations, int tokens, int hidden, int layers, int threads, Path resultsDir) {

        public Options {
            if (rounds < 1 || generations < 1 || tokens < 2) {
                throw new IllegalArgumentException("--rounds and --generations must be >= 1 and --tokens >= 2");
            }
        }

        public static Options defaults() {
            return new Options(8, 3, 128, 256, 4, 0, ProjectLayout.defaultResults());
        }

        static Options parse(String[] args) {
            Options d = defaults();
            BenchArgs a = new BenchArgs(args, Set.of("rounds", "generations", "tokens", "hidden", "layers", "threads", "out"));
            return new Options(a.integer("rounds", d.rounds()), a.integer("generations", d.generations()),
                    a.integer("tokens", d.tokens()), a.integer("hidden", d.hidden()), a.integer("layers", d.layers()),
                    a.integer("threads", d.threads()), Path.of(a.string("out", d.resultsDir().toString())));
        }

        TinyModelWriter.Spec spec() {
            return new TinyModelWriter.Spec(hidden, layers, 4, 2048, 300, 42L, TinyModelWriter.SAMPLE_TEXT);
        }
    }

    static final String BASELINE = "Jlama generate (baseline)";
    static final String FLOOR = "bare Jlama loop (floor)";
    static final String CANDIDATE = "JlamaChatModel";
    static final ChatPrompt PROMPT = new ChatPrompt(
            "You answer customer-support questions from the numbered context passages only and cite them as [n].",
            "Context:\n[1] " + TinyModelWriter.SAMPLE_TEXT.lines().limit(4).reduce("", String::concat)
                    + "\n\nQuestion: How do I reset my password, and how long is the reset link valid?");

    /**
     * One timed generation.
     *
     * @param nanos           wall time of the call
     * @param firstTokenNanos call to first streamed piece
     * @param promptTokens    prompt tokens, BOS included
     * @param tokens          streamed (completion) tokens
     */
    record Sample(long nanos, long firstTokenNanos, int promptTokens, int tokens, String text) {}

    private GenerationBenchmark() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        run(options, BenchReport.commandLine(GenerationBenchmark.class, args)).publish(options.resultsDir());
    }

    public static BenchReport run(Options options, String command) throws Exception {
        String startedAt = BenchReport.now();
        MachineInfo machine = MachineInfo.current();
        Path work = Files.createTempDirectory("supportkb-generation-bench-");
        try {
            Path modelDir = TinyModelWriter.write(work.resolve("tiny-llama"), options.spec());
            Path jlamaWork = Files.createDirectories(work.resolve("jlama-working-dir"));
            try (JlamaChatModel candidate = JlamaChatModel.load(modelDir, options.threads());
                    AbstractModel baseline = ModelSupport.loadModel(modelDir.toFile(), jlamaWork.toFile(), DType.F32, DType.I8,
                            Optional.empty(), Optional.empty())) {
                Map<String, List<Sample>> samples = new LinkedHashMap<>();
                KvBufferCache floorBuffers = new KvBufferCache(baseline);
                List<Contender> contenders = List.of(
                        contender(BASELINE, options, samples, () -> baseline(baseline, options.tokens())),
                        contender(FLOOR, options, samples, () -> floor(baseline, floorBuffers, options.tokens())),
                        contender(CANDIDATE, options, samples, () -> candidate(candidate, options.tokens())));
                Map<String, Timings> timings = AlternatingRounds.run(contenders, options.rounds(), GenerationBenchmark::log);
                GenerationReport report = new GenerationReport(options, samples, timings, candidate, modelDir);
                return new BenchReport("generation", "Generation speed: JlamaChatModel vs Jlama's generate",
                        startedAt, command, machine, MachineInfo.loadAverageNow(), report.settings(), report.tables(),
                        report.notes(), report.raw());
            }
        } finally {
            deleteRecursively(work);
        }
    }

    @FunctionalInterface
    private interface Run {
        Sample generate() throws Exception;
    }

    /** Runs {@code generations} generations per trial; samples of timed rounds are kept, warm-up ones dropped. */
    private static Contender contender(String name, Options options, Map<String, List<Sample>> samples, Run run) {
        List<Sample> kept = new ArrayList<>();
        samples.put(name, kept);
        AlternatingRounds.Trial warmUp = round -> {
            for (int i = 0; i < 2; i++) {
                run.generate();
            }
            return new long[0];
        };
        return new Contender(name, warmUp, round -> {
            long[] nanos = new long[options.generations()];
            for (int i = 0; i < nanos.length; i++) {
                Sample sample = run.generate();
                kept.add(sample);
                nanos[i] = sample.nanos();
            }
            return nanos;
        });
    }

    private static Sample baseline(AbstractModel model, int tokens) {
        PromptContext prompt = model.promptSupport().orElseThrow().builder()
                .addSystemMessage(PROMPT.system()).addUserMessage(PROMPT.user()).build();
        // Jlama emits the token sampled after the prompt plus one per position from the prompt's end to ntokens
        int ntokens = model.encodePrompt(prompt).length + tokens - 1;
        long[] first = {0};
        int[] count = {0};
        long start = System.nanoTime();
        var response = model.generate(UUID.randomUUID(), prompt, 0f, ntokens, (piece, ms) -> {
            if (count[0]++ == 0) {
                first[0] = System.nanoTime() - start;
            }
        });
        return new Sample(System.nanoTime() - start, first[0], ntokens - tokens + 1, count[0], response.responseText);
    }

    /**
     * The least a caller of Jlama's primitives must do: the same prompt ids through {@code batchForward} in one batch,
     * then {@code forward} and greedy {@code sample} per token, KV in ephemeral (off-heap) pages, pieces decoded by
     * Jlama's tokenizer and appended. No timeout checks, no UTF-8 reassembly, no lock.
     */
    private static Sample floor(AbstractModel model, KvBufferCache buffers, int tokens) {
        PromptContext prompt = model.promptSupport().orElseThrow().builder()
                .addSystemMessage(PROMPT.system()).addUserMessage(PROMPT.user()).build();
        long start = System.nanoTime();
        int[] ids = model.encodePrompt(prompt);
        StringBuilder text = new StringBuilder();
        long first;
        try (KvBufferCache.KvBuffer kv = buffers.getEphemeralKvBuffer();
                AbstractTensor logits = model.makeDenseTensor(model.getConfig().vocabularySize)) {
            AbstractTensor output = model.batchForward(ids, 0, kv);
            int next = model.sample(output.slice(output.shape().first() - 1), 0f, 0f, logits);
            output.close();
            text.append(model.getTokenizer().decode(next));
            first = System.nanoTime() - start;
            for (int i = 1; i < tokens; i++) {
                output = model.forward(next, ids.length + i - 1, kv, Optional.empty());
                next = model.sample(output, 0f, 0f, logits);
                output.close();
                text.append(model.getTokenizer().decode(next));
            }
        }
        return new Sample(System.nanoTime() - start, first, ids.length, tokens, text.toString());
    }

    private static Sample candidate(JlamaChatModel model, int tokens) {
        long[] first = {0};
        long start = System.nanoTime();
        Generation generation = model.generate(PROMPT, GenerationOptions.greedy(tokens, Duration.ofMinutes(5)), piece -> {
            if (first[0] == 0) {
                first[0] = System.nanoTime() - start;
            }
        });
        return new Sample(System.nanoTime() - start, first[0], generation.promptTokens(), generation.completionTokens(),
                generation.text());
    }

    static void log(String format, Object... args) {
        System.err.printf("[generation-bench] " + format + "%n", args);
    }

    private static void log(String message) {
        log("%s", message);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
