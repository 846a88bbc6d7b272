package io.supportkb.ml.llm;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and sampling of one generation.
 *
 * @param maxTokens   the most completion tokens, {@code >= 1}
 * @param temperature 0 for greedy (deterministic) decoding
 * @param seed        the sampling seed sent to backends that accept one
 * @param timeout     the longest the whole generation may take
 */
public record GenerationOptions(int maxTokens, float temperature, long seed, Duration timeout) {

    public GenerationOptions {
        Objects.requireNonNull(timeout, "timeout");
        if (maxTokens < 1 || temperature < 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("maxTokens >= 1, temperature >= 0 and a positive timeout are required");
        }
    }

    /** Greedy decoding, seed 42. */
    public static GenerationOptions greedy(int maxTokens, Duration timeout) {
        return new GenerationOptions(maxTokens, 0f, 42L, timeout);
    }
}
