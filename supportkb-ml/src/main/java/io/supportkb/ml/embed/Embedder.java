package io.supportkb.ml.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.slf4j.LoggerFactory;

/**
 * Turns text into sentence vectors with a transformer in ONNX Runtime: tokenize (HuggingFace tokenizer
 * through DJL), run the graph, pool ({@link Pooling}), L2-normalise.
 *
 * <p><b>Determinism.</b> The same text gives a bit-identical vector on every run, whatever the batch it
 * arrives in: sequences share an ONNX call only when their token lengths are equal, so no padding ever
 * enters the arithmetic and each row is computed from the same numbers. Inputs are sorted by length
 * before batching, and results are returned in input order.
 *
 * <p><b>Limits.</b> Inputs longer than {@link ModelDescriptor#maxTokens()} (prefix and special tokens
 * included) are rejected with {@link InputTooLongException} unless {@link EmbedderConfig#truncate()};
 * the chunker uses {@link #maxContentTokens()} so that they never are.
 *
 * <p><b>Threads.</b> Thread-safe. Sessions are pooled; each call borrows one per worker thread. With a query
 * session ({@link EmbedderConfig#queryIntraOpThreads()}), queries take it, or a free passage session when it is
 * busy, or wait for it.
 */
public final class Embedder implements TokenCounter, AutoCloseable {

    static {
        // DJL otherwise calls the EC2 metadata service and a telemetry URL when the tokenizer loads:
        // SupportKB does no network I/O it was not asked for.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }

    private final ModelDescriptor model;
    private final EmbedderConfig config;
    private final HuggingFaceTokenizer tokenizer;
    private final OrtEnvironment environment;
    private final BlockingQueue<OnnxEncoder> encoders;
    /** The query session, or {@link #encoders} when there is none. */
    private final BlockingQueue<OnnxEncoder> queryEncoders;
    private final List<OnnxEncoder> allEncoders;
    private final ExecutorService workers;
    private final int passagePrefixTokens;

    private Embedder(ModelDescriptor model, EmbedderConfig config, HuggingFaceTokenizer tokenizer,
            OrtEnvironment environment, List<OnnxEncoder> encoders, OnnxEncoder queryEncoder) {
        this.model = model;
        this.config = config;
        this.tokenizer = tokenizer;
        this.environment = environment;
        List<OnnxEncoder> all = new ArrayList<>(encoders);
        this.encoders = new ArrayBlockingQueue<>(encoders.size(), true, encoders);
        if (queryEncoder != null) {
            all.add(queryEncoder);
            this.queryEncoders = new ArrayBlockingQueue<>(1, true, List.of(queryEncoder));
        } else {
            this.queryEncoders = this.encoders;
        }
        this.allEncoders = List.copyOf(all);
        this.workers = encoders.size() > 1 ? Executors.newFixedThreadPool(encoders.size(), r -> {
            Thread t = new Thread(r, "embedder-" + model.id());
            t.setDaemon(true);
            return t;
        }) : null;
        this.passagePrefixTokens = model.passagePrefix().isEmpty() ? 0 : countTokens(model.passagePrefix());
    }

    /**
     * Loads the tokenizer and creates {@code config.sessions()} ONNX sessions. Fails fast, naming the
     * missing file, if the model cannot be read.
     */
    public static Embedder load(ModelSource source, EmbedderConfig config) {
        ModelDescriptor model = source.descriptor();
        HuggingFaceTokenizer tokenizer;
        try (InputStream in = source.openTokenizer()) {
            // Padding and truncation off: lengths are handled here, explicitly (the MiniLM tokenizer.json
            // in the LangChain4j jar silently pads/truncates to 128 otherwise).
            tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of(
                    "padding", "false", "truncation", "false", "addSpecialTokens", "true",
                    "modelMaxLength", String.valueOf(Integer.MAX_VALUE / 2)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load tokenizer of model " + model.id() + ": " + e.getMessage(), e);
        }
        byte[] onnx;
        try (InputStream in = source.openOnnx()) {
            onnx = in.readAllBytes();
        } catch (IOException e) {
            tokenizer.close();
            throw new UncheckedIOException("cannot load ONNX graph of model " + model.id() + ": " + e.getMessage(), e);
        }
        if (config.maxBatchSize() > 1 && isDynamicallyQuantized(onnx)) {
            // int8 dynamic quantisation picks its scales per batch, so a vector would depend on its batch-mates;
            // one sequence per call keeps every vector a function of its own text only.
            LoggerFactory.getLogger(Embedder.class).warn("model {} is dynamically quantised: running it with batch "
                    + "size 1 so that vectors do not depend on batch composition", model.id());
            config = config.withMaxBatchSize(1);
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        List<OnnxEncoder> encoders = new ArrayList<>();
        OnnxEncoder queryEncoder = null;
        try {
            for (int i = 0; i < config.sessions(); i++) {
                encoders.add(new OnnxEncoder(environment, onnx, config.intraOpThreads(), model));
            }
            if (config.queryIntraOpThreads() > 0) {
                queryEncoder = new OnnxEncoder(environment, onnx, config.queryIntraOpThreads(), model);
            }
        } catch (OrtException e) {
            encoders.forEach(OnnxEncoder::close);
            tokenizer.close();
            throw new IllegalStateException("ONNX Runtime cannot load model " + model.id() + ": " + e.getMessage(), e);
        }
        return new Embedder(model, config, tokenizer, environment, encoders, queryEncoder);
    }

    /** True when the graph contains ONNX dynamic-quantisation operators (their op names are plain strings). */
    static boolean isDynamicallyQuantized(byte[] onnx) {
        return contains(onnx, "DynamicQuantizeLinear".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                || contains(onnx, "MatMulInteger".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Loads the default built-in model (bge-small-en-v1.5) with default settings. */
    public static Embedder loadDefault() {
        return load(ModelSource.of(ModelSource.DEFAULT), EmbedderConfig.defaults());
    }

    public ModelDescriptor model() {
        return model;
    }

    public EmbedderConfig config() {
        return config;
    }

    /** Embeds a search query: the model's query prefix is prepended. */
    public float[] embedQuery(String query) {
        Objects.requireNonNull(query, "query");
        return embedOneQuery(model.queryPrefix() + query);
    }

    /**
     * Embeds a query exactly as a passage (the passage prefix, no retrieval instruction): for symmetric search,
     * question against past questions, where bge's authors advise against the instruction.
     */
    public float[] embedQueryAsPassage(String query) {
        return embedOneQuery(model.passagePrefix() + Objects.requireNonNull(query, "query"));
    }

    /** One sequence on the query session, else on a free passage session, else waiting for the query session. */
    private float[] embedOneQuery(String text) {
        long[] ids = fitToLimit(tokenizer.encode(text, true, false).getIds(), 0);
        BlockingQueue<OnnxEncoder> owner = queryEncoders;
        OnnxEncoder encoder = queryEncoders.poll();
        if (encoder == null && queryEncoders != encoders) {
            owner = encoders;
            encoder = encoders.poll();
        }
        if (encoder == null) {
            owner = queryEncoders;
            encoder = take(queryEncoders);
        }
        try {
            return encoder.encode(new long[][] {ids})[0];
        } finally {
            owner.add(encoder);
        }
    }

    /** Embeds passages (the model's passage prefix is prepended); vectors come back in input order. */
    public List<float[]> embedPassages(List<String> passages) {
        return embedPassages(passages, done -> { });
    }

    /**
     * As {@link #embedPassages(List)}, reporting the number of passages embedded so far to {@code
     * progress} (called from worker threads, at most once per ONNX call).
     */
    public List<float[]> embedPassages(List<String> passages, IntConsumer progress) {
        return embed(passageTexts(passages), progress, false);
    }

    /**
     * As {@link #embedPassages(List)}, but on one borrowed session for the whole call, in the calling thread: for
     * callers that already run in parallel (a pool of indexing workers, one document each), where spreading one
     * small document's chunks over every session would leave sessions idle while its longest chunk finishes and
     * make the other callers queue behind it. Same vectors as {@link #embedPassages(List)} (batch composition
     * never changes a vector).
     */
    public List<float[]> embedPassagesOnOneSession(List<String> passages) {
        return embed(passageTexts(passages), done -> { }, true);
    }

    private List<String> passageTexts(List<String> passages) {
        List<String> texts = new ArrayList<>(passages.size());
        for (String passage : passages) {
            texts.add(model.passagePrefix() + Objects.requireNonNull(passage, "passage"));
        }
        return texts;
    }

    private List<float[]> embed(List<String> texts, IntConsumer progress, boolean oneSession) {
        if (texts.isEmpty()) {
            return List.of();
        }
        Encoding[] encodings = tokenizer.batchEncode(texts.toArray(String[]::new), true, false);
        long[][] ids = new long[encodings.length][];
        for (int i = 0; i < encodings.length; i++) {
            ids[i] = fitToLimit(encodings[i].getIds(), i);
        }
        List<int[]> batches = lengthSortedBatches(ids);
        float[][] vectors = new float[ids.length][];
        AtomicInteger done = new AtomicInteger();
        if (oneSession || workers == null || batches.size() == 1) {
            OnnxEncoder encoder = borrow();
            try {
                for (int[] batch : batches) {
                    runBatch(encoder, ids, batch, vectors);
                    progress.accept(done.addAndGet(batch.length));
                }
            } finally {
                encoders.add(encoder);
            }
        } else {
            runInParallel(ids, batches, vectors, done, progress);
        }
        return Arrays.asList(vectors);
    }

    private void runInParallel(long[][] ids, List<int[]> batches, float[][] vectors, AtomicInteger done,
            IntConsumer progress) {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < allEncoders.size(); w++) {
            futures.add(workers.submit(() -> {
                OnnxEncoder encoder = borrow();
                try {
                    for (int b = next.getAndIncrement(); b < batches.size(); b = next.getAndIncrement()) {
                        runBatch(encoder, ids, batches.get(b), vectors);
                        progress.accept(done.addAndGet(batches.get(b).length));
                    }
                } finally {
                    encoders.add(encoder);
                }
            }));
        }
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while embedding", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException("embedding failed: " + e.getCause(), e.getCause());
            }
        }
    }

    private void runBatch(OnnxEncoder encoder, long[][] ids, int[] batch, float[][] vectors) {
        long[][] batchIds = new long[batch.length][];
        for (int i = 0; i < batch.length; i++) {
            batchIds[i] = ids[batch[i]];
        }
        float[][] out = encoder.encode(batchIds);
        for (int i = 0; i < batch.length; i++) {
            vectors[batch[i]] = out[i];
        }
    }

    /**
     * Groups input indices into batches of equal token length, longest first, at most {@code
     * maxBatchSize} each. The order within a length is input order, so batching is a pure function of
     * the inputs.
     */
    private List<int[]> lengthSortedBatches(long[][] ids) {
        Integer[] order = new Integer[ids.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> ids[i].length).reversed()
                .thenComparingInt(i -> i));
        List<int[]> batches = new ArrayList<>();
        int start = 0;
        while (start < order.length) {
            int length = ids[order[start]].length;
            int end = start + 1;
            while (end < order.length && end - start < config.maxBatchSize() && ids[order[end]].length == length) {
                end++;
            }
            int[] batch = new int[end - start];
            for (int i = start; i < end; i++) {
                batch[i - start] = order[i];
            }
            batches.add(batch);
            start = end;
        }
        return batches;
    }

    private long[] fitToLimit(long[] ids, int index) {
        if (ids.length <= model.maxTokens()) {
            return ids;
        }
        if (!config.truncate()) {
            throw new InputTooLongException(index, ids.length, model.maxTokens());
        }
        // Keep the leading tokens and the final special token ([SEP]), as the reference truncation does.
        long[] cut = Arrays.copyOf(ids, model.maxTokens());
        cut[cut.length - 1] = ids[ids.length - 1];
        return cut;
    }

    private OnnxEncoder borrow() {
        return take(encoders);
    }

    private static OnnxEncoder take(BlockingQueue<OnnxEncoder> from) {
        try {
            return from.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an ONNX session", e);
        }
    }

    /** Number of tokens of {@code text} alone, without special tokens or prefixes. */
    @Override
    public int countTokens(String text) {
        return tokenizer.encode(text, false, false).getIds().length;
    }

    @Override
    public int[] tokenStartOffsets(String text) {
        CharSpan[] spans = tokenizer.encode(text, false, false).getCharTokenSpans();
        int[] starts = new int[spans.length];
        int previous = 0;
        for (int i = 0; i < spans.length; i++) {
            // Tokens without a source span (rare special cases) take the previous start, keeping order.
            starts[i] = spans[i] == null ? previous : spans[i].getStart();
            previous = starts[i];
        }
        return starts;
    }

    /** The model limit less [CLS], [SEP] and the passage prefix. */
    @Override
    public int maxContentTokens() {
        return model.maxTokens() - 2 - passagePrefixTokens;
    }

    /** Total tokens (special tokens and prefix included) the model would see for each passage. */
    public int[] passageTokenLengths(List<String> passages) {
        Encoding[] encodings = tokenizer.batchEncode(
                passages.stream().map(p -> model.passagePrefix() + p).toArray(String[]::new), true, false);
        int[] lengths = new int[encodings.length];
        for (int i = 0; i < encodings.length; i++) {
            lengths[i] = encodings[i].getIds().length;
        }
        return lengths;
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
        allEncoders.forEach(OnnxEncoder::close);
        tokenizer.close();
    }

    @Override
    public String toString() {
        return "Embedder[" + model.id() + ", " + config + ", ort=" + environment.getVersion() + "]";
    }
}
