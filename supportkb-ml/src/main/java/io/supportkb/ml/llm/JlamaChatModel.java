package io.supportkb.ml.llm;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.safetensors.prompt.PromptSupport;
import com.github.tjake.jlama.tensor.AbstractTensor;
import com.github.tjake.jlama.tensor.KvBufferCache;
import com.github.tjake.jlama.util.PhysicalCoreExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A chat model run in-process by Jlama (pure Java, SIMD through the Vector API) from a HuggingFace model folder:
 * {@code config.json}, {@code tokenizer.json}, {@code tokenizer_config.json} with a {@code chat_template}, and
 * safetensors weights (F32, BF16 or Jlama's Q4/Q8). {@link TinyModelWriter} writes a random one for tests.
 *
 * <p>The prompt is rendered with the model's own chat template (system message, if not blank, then the user message,
 * then the assistant header) and encoded with BOS. Decoding is this class's own loop over Jlama's forward pass and
 * sampler, rather than {@code AbstractModel.generate}, so that it can honour the seed (Jlama samples from a
 * thread-local random), stop exactly at {@code maxTokens}, check the timeout between prompt chunks of {@value
 * #PREFILL_CHUNK} tokens and between generated tokens, and stream whole UTF-8 characters (see {@link ByteLevelCodec}).
 * Temperature 0 is greedy and deterministic. A generation stops at one of the model's {@code eos_token_id}s ({@code
 * stop}; the EOS token is not counted) or after {@code maxTokens} tokens ({@code length}). Special tokens count as
 * completion tokens but are never part of the text.
 *
 * <p>Thread-safety: safe for concurrent use. Generations are serialised by a fair lock (Jlama's model and key/value
 * buffers are not thread-safe); time spent waiting for the lock counts against the caller's timeout. {@link
 * #countTokens} does not take the lock. Jlama's compute threads are one process-wide pool shared by all models: see
 * {@link #load(Path, int)}.
 */
public final class JlamaChatModel implements ChatModel {

    /** Prompt tokens per forward batch; the timeout is checked between batches. */
    static final int PREFILL_CHUNK = 64;

    private final String id;
    private final AbstractModel model;
    private final ByteLevelCodec codec;
    private final PromptSupport prompts;
    private final KvBufferCache kvBuffers;
    private final List<Integer> eosTokens;
    private final int contextTokens;
    private final ReentrantLock lock = new ReentrantLock(true);
    private boolean closed;

    private JlamaChatModel(JlamaModelFolder folder, AbstractModel model) {
        this.id = "jlama:" + folder.name();
        this.model = model;
        this.codec = new ByteLevelCodec(model.getTokenizer());
        this.prompts = model.promptSupport().orElseThrow(() -> new IllegalArgumentException(
                folder.directory().resolve("tokenizer_config.json") + ": Jlama found no usable chat_template"));
        this.kvBuffers = new KvBufferCache(model);
        this.eosTokens = List.copyOf(model.getConfig().eosTokens);
        this.contextTokens = model.getConfig().contextLength;
    }

    /** {@link #load(Path, int)} with Jlama's default thread count (half the cores, at least 2). */
    public static JlamaChatModel load(Path modelDir) {
        return load(modelDir, 0);
    }

    /**
     * Loads a model folder. Weights are memory-mapped; working memory is F32 (BF16 for BF16 models, int8 for Q4
     * models).
     *
     * @param threads Jlama's compute threads, 1..cores, or 0 for its default. The pool is process-wide and created on
     *                first use: the first load that asks for a count sets it, later requests are ignored; {@link
     *                #threads()} tells the count in effect
     * @throws IllegalArgumentException when the folder, a file in it or {@code threads} is wrong; the message names the
     *                                  path and the problem
     * @throws IllegalStateException    when the JVM runs without {@code --add-modules jdk.incubator.vector}
     */
    public static JlamaChatModel load(Path modelDir, int threads) {
        JlamaModelFolder folder = JlamaModelFolder.inspect(modelDir);
        int cores = Runtime.getRuntime().availableProcessors();
        if (threads < 0 || threads > cores) {
            throw new IllegalArgumentException("threads must be 0 (Jlama's default) or 1.." + cores + ", was " + threads);
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new IllegalStateException("Jlama needs the Vector API: start the JVM with --add-modules jdk.incubator.vector");
        }
        if (threads > 0) {
            try {
                PhysicalCoreExecutor.overrideThreadCount(threads);
            } catch (IllegalStateException alreadyStarted) {
                // the process-wide pool exists already; its size stays (documented)
            }
        }
        AbstractModel model;
        try {
            model = ModelSupport.loadModel(folder.directory().toFile(), DType.F32, DType.I8);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Jlama cannot load the model in " + folder.directory() + ": " + rootCause(e), e);
        }
        return new JlamaChatModel(folder, model);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int contextTokens() {
        return contextTokens;
    }

    /** Jlama's process-wide compute threads. */
    public int threads() {
        return PhysicalCoreExecutor.instance.get().getCoreCount();
    }

    @Override
    public int countTokens(String text) {
        return codec.encode(text).length;
    }

    /** The prompt's token ids as the model sees them: BOS, then the rendered chat template. */
    int[] promptTokens(ChatPrompt prompt) {
        PromptSupport.Builder builder = prompts.builder();
        if (!prompt.system().isBlank()) {
            builder.addSystemMessage(codec.toJlama(prompt.system()));
        }
        return model.encodePrompt(builder.addUserMessage(codec.toJlama(prompt.user())).build());
    }

    @Override
    public Generation generate(ChatPrompt prompt, GenerationOptions options, Consumer<String> onToken) {
        long start = System.nanoTime();
        long deadline = start + Math.min(options.timeout().toNanos(), Duration.ofDays(365).toNanos());
        acquire(options.timeout());
        try {
            if (closed) {
                throw new GenerationException(id + " is closed", null);
            }
            int[] promptIds = promptTokens(prompt);
            if (promptIds.length + options.maxTokens() > contextTokens) {
                throw new GenerationException("the prompt takes " + promptIds.length + " tokens and maxTokens is "
                        + options.maxTokens() + ": together more than the " + contextTokens + "-token context of " + id
                        + "; shorten the context or lower maxTokens", null);
            }
            Decoding decoding = new Decoding(promptIds, options, onToken, deadline);
            String text = decoding.run();
            return new Generation(text, promptIds.length, decoding.generated, decoding.finishReason,
                    (System.nanoTime() - start) / 1e6);
        } catch (GenerationException | ConsumerFailure e) {
            throw e instanceof ConsumerFailure failure ? failure.unwrap() : e;
        } catch (RuntimeException e) {
            throw new GenerationException(id + " failed: " + rootCause(e), e);
        } finally {
            lock.unlock();
        }
    }

    private void acquire(Duration timeout) {
        try {
            if (!lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new GenerationException(id + " was busy with other generations for the whole timeout of "
                        + timeout.toMillis() + " ms; raise the timeout or run fewer generations at once", null, true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenerationException("interrupted while waiting for " + id, e);
        }
    }

    /** One generation's decoding state; runs under the lock. */
    private final class Decoding {
        private final int[] promptIds;
        private final GenerationOptions options;
        private final Consumer<String> onToken;
        private final long deadline;
        private final StringBuilder text = new StringBuilder();
        int generated;
        String finishReason;

        Decoding(int[] promptIds, GenerationOptions options, Consumer<String> onToken, long deadline) {
            this.promptIds = promptIds;
            this.options = options;
            this.onToken = onToken;
            this.deadline = deadline;
        }

        String run() {
            SplittableRandom random = new SplittableRandom(options.seed());
            ByteLevelCodec.Decoder decoder = codec.decoder();
            try (KvBufferCache.KvBuffer kv = kvBuffers.getEphemeralKvBuffer();
                    AbstractTensor logits = model.makeDenseTensor(model.getConfig().vocabularySize)) {
                AbstractTensor prompted = prefill(kv);
                int next = sample(prompted, prompted.slice(prompted.shape().first() - 1), random, logits);
                while (true) {
                    if (eosTokens.contains(next)) {
                        finishReason = "stop";
                        break;
                    }
                    generated++;
                    emit(decoder.next(next));
                    if (generated == options.maxTokens()) {
                        finishReason = "length";
                        break;
                    }
                    checkDeadline();
                    AbstractTensor output = model.forward(next, promptIds.length + generated - 1, kv, Optional.empty());
                    next = sample(output, output, random, logits);
                }
            }
            emit(decoder.finish());
            return text.toString();
        }

        /** Runs the prompt through the model in chunks; returns the last chunk's output (one row per token). */
        private AbstractTensor prefill(KvBufferCache.KvBuffer kv) {
            AbstractTensor last = null;
            try {
                for (int from = 0; from < promptIds.length; from += PREFILL_CHUNK) {
                    checkDeadline();
                    if (last != null) {
                        last.close();
                        last = null;
                    }
                    int[] chunk = Arrays.copyOfRange(promptIds, from, Math.min(promptIds.length, from + PREFILL_CHUNK));
                    last = model.batchForward(chunk, from, kv);
                }
                return last;
            } catch (RuntimeException e) {
                if (last != null) {
                    last.close();
                }
                throw e;
            }
        }

        /** Samples the next token from {@code row}, then returns {@code owner} (which holds the row) to Jlama's cache. */
        private int sample(AbstractTensor owner, AbstractTensor row, SplittableRandom random, AbstractTensor logits) {
            try {
                return model.sample(row, options.temperature(), random.nextFloat(), logits);
            } finally {
                owner.close();
            }
        }

        private void emit(String piece) {
            if (piece.isEmpty()) {
                return;
            }
            text.append(piece);
            try {
                onToken.accept(piece);
            } catch (RuntimeException e) {
                throw new ConsumerFailure(e);
            }
        }

        private void checkDeadline() {
            if (Thread.currentThread().isInterrupted()) {
                throw new GenerationException(id + " was interrupted after " + generated + " tokens", null);
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new GenerationException(id + " did not finish within the timeout of " + options.timeout().toMillis()
                        + " ms (" + generated + " of at most " + options.maxTokens()
                        + " tokens generated); raise the timeout or lower maxTokens", null, true);
            }
        }
    }

    /** Carries an exception of the caller's {@code onToken} past the wrapping of Jlama's failures. */
    private static final class ConsumerFailure extends RuntimeException {
        ConsumerFailure(RuntimeException cause) {
            super(cause);
        }

        RuntimeException unwrap() {
            return (RuntimeException) getCause();
        }
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Releases Jlama's buffers and the memory-mapped weights; waits for a running generation. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            kvBuffers.close();
            model.close();
            model.getWeights().close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close " + id + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
