package io.supportkb.ml.embed;

/**
 * Runtime settings of an {@link Embedder}. None of them changes a vector: outputs are bit-identical for
 * any value of these settings (tested with 1 and 2 intra-op threads, 1 and 2 sessions, batch sizes 1 to 16; see
 * {@link Embedder}).
 *
 * @param sessions ONNX sessions for passages, run in parallel (each on its own thread); on 2 cores, 2 sessions x 1
 *     thread embed passages ~1.2x faster than 1 session x 2 threads (measured), because two independent sequences
 *     never wait for each other at an operator's thread barrier
 * @param intraOpThreads ONNX Runtime intra-op threads per passage session
 * @param maxBatchSize most sequences in one ONNX call; only sequences of exactly equal token length share
 *     a call, so no padding ever enters the computation
 * @param truncate when false an input longer than the model's limit is rejected with {@link
 *     InputTooLongException}; when true it is cut to the limit (the reference pipelines do this)
 * @param queryIntraOpThreads 0: queries borrow a passage session like any call; {@code > 0}: one more session with
 *     this many intra-op threads is kept for queries, so a query never waits behind a batch of passages and a lone
 *     short sequence still uses several cores (on 2 cores a query takes ~12.5 ms with 2 threads, ~17 ms with 1)
 */
public record EmbedderConfig(int sessions, int intraOpThreads, int maxBatchSize, boolean truncate,
        int queryIntraOpThreads) {

    public EmbedderConfig {
        if (sessions < 1 || intraOpThreads < 1 || maxBatchSize < 1) {
            throw new IllegalArgumentException("sessions, intraOpThreads and maxBatchSize must be >= 1");
        }
        if (queryIntraOpThreads < 0) {
            throw new IllegalArgumentException("queryIntraOpThreads must be >= 0 (0: no query session), was "
                    + queryIntraOpThreads);
        }
    }

    /** Without a query session: queries share the passage sessions. */
    public EmbedderConfig(int sessions, int intraOpThreads, int maxBatchSize, boolean truncate) {
        this(sessions, intraOpThreads, maxBatchSize, truncate, 0);
    }

    /** One session, two intra-op threads, batch size 1 — measured fastest for fp32 on 2 cores. */
    public static EmbedderConfig defaults() {
        return new EmbedderConfig(1, 2, 1, false);
    }

    public EmbedderConfig withTruncate(boolean value) {
        return new EmbedderConfig(sessions, intraOpThreads, maxBatchSize, value, queryIntraOpThreads);
    }

    public EmbedderConfig withMaxBatchSize(int value) {
        return new EmbedderConfig(sessions, intraOpThreads, value, truncate, queryIntraOpThreads);
    }

    public EmbedderConfig withSessions(int value, int threadsPerSession) {
        return new EmbedderConfig(value, threadsPerSession, maxBatchSize, truncate, queryIntraOpThreads);
    }

    /** With a session kept for queries ({@code threads} intra-op threads), or without one ({@code 0}). */
    public EmbedderConfig withQuerySession(int threads) {
        return new EmbedderConfig(sessions, intraOpThreads, maxBatchSize, truncate, threads);
    }
}
