package io.supportkb.ml.embed;

/**
 * Measures text in an embedding model's own tokens, so that chunk budgets mean what the model sees.
 *
 * <p>Counts exclude the special tokens ([CLS], [SEP]) and any passage prefix the model adds; {@link
 * #maxContentTokens()} is the budget left for content once those are accounted for. Implementations
 * are thread-safe.
 */
public interface TokenCounter {

    /** Number of model tokens in {@code text}, without special tokens or prefixes. */
    int countTokens(String text);

    /**
     * Character offset (UTF-16 index into {@code text}) at which each token of {@code text} begins, in
     * order; the array length equals {@link #countTokens(String)}. Used to cut an over-long sentence at
     * a token boundary.
     */
    int[] tokenStartOffsets(String text);

    /** Most content tokens a single passage may hold without being truncated by the model. */
    int maxContentTokens();
}
