package io.supportkb.ml.embed;

/**
 * Runtime settings of an {@link Embedder}. None of them changes a vector: outputs are bit-identical for
 * any value of these settings given the same {@code intraOpThreads} (see {@link Embedder}).
 *
 * @param sessions ONNX sessions run in parallel (each on its own thread); 1 is right for 2 cores
 * @param intraOpThreads ONNX Runtime intra-op threads per session
 * @param maxBatchSize most sequences in one ONNX call; only sequences of exactly equal token length share
 *     a call, so no padding ever enters the computation
 * @param truncate when false an input longer than the model's limit is rejected with {@link
 *     InputTooLongException}; when true it is cut to the limit (the reference pipelines do this)
 */
public record EmbedderConfig(int sessions, int intraOpThreads, int maxBatchSize, boolean truncate) {

    public EmbedderConfig {
        if (sessions < 1 || intraOpThreads < 1 || maxBatchSize < 1) {
            throw new IllegalArgumentException("sessions, intraOpThreads and maxBatchSize must be >= 1");
        }
    }

    /** One session, two intra-op threads, batch size 1 — measured fastest for fp32 on 2 cores. */
    public static EmbedderConfig defaults() {
        return new EmbedderConfig(1, 2, 1, false);
    }

    public EmbedderConfig withTruncate(boolean value) {
        return new EmbedderConfig(sessions, intraOpThreads, maxBatchSize, value);
    }

    public EmbedderConfig withMaxBatchSize(int value) {
        return new EmbedderConfig(sessions, intraOpThreads, value, truncate);
    }

    public EmbedderConfig withSessions(int value, int threadsPerSession) {
        return new EmbedderConfig(value, threadsPerSession, maxBatchSize, truncate);
    }
}
