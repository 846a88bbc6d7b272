package io.supportkb.ml.chunk;

/**
 * Chunk budget, in model tokens.
 *
 * @param maxTokens     most tokens in a chunk's {@link Chunk#embeddingText()}; the effective limit is
 *                      the smaller of this and the model's {@code TokenCounter.maxContentTokens()}
 * @param overlapTokens tokens that consecutive pieces of one split block share (whole sentences where
 *                      possible); capped at half the space left for content. No overlap is added across
 *                      structural boundaries
 */
public record ChunkerConfig(int maxTokens, int overlapTokens) {

    public ChunkerConfig {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
        }
        if (overlapTokens < 0 || overlapTokens >= maxTokens) {
            throw new IllegalArgumentException(
                    "overlapTokens must be in [0, maxTokens), was " + overlapTokens + " with maxTokens " + maxTokens);
        }
    }

    /** 256 tokens per chunk with 32 tokens of overlap. */
    public static ChunkerConfig defaults() {
        return new ChunkerConfig(256, 32);
    }
}
