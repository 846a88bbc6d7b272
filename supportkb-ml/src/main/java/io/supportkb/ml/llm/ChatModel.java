package io.supportkb.ml.llm;

import java.util.function.Consumer;

/**
 * A local language model that completes a chat prompt. Implementations must be deterministic for a fixed model,
 * prompt and {@link GenerationOptions} (temperature 0 and a fixed seed by default) as far as the backend allows.
 *
 * <p>Thread-safety: implementations are safe for concurrent use; they may serialise generations internally.
 */
public interface ChatModel extends AutoCloseable {

    /** A stable id for traces and cache keys, e.g. {@code jlama:/models/tiny} or {@code openai:qwen2.5:0.5b}. */
    String id();

    /** The model's context window in its own tokens: prompt plus completion must fit. */
    int contextTokens();

    /**
     * Tokens {@code text} takes in this model's own tokenizer (without special tokens). Used to bound the prompt.
     * Backends without a local tokenizer return a documented, conservative estimate.
     */
    int countTokens(String text);

    /**
     * Generates a completion.
     *
     * @param prompt  the system and user messages
     * @param options limits and sampling
     * @param onToken receives each piece of text as it is generated, in order (for streaming); may be a no-op
     * @return the whole completion with token counts
     * @throws GenerationException when the model fails, times out or is unreachable; the message says what to do
     */
    Generation generate(ChatPrompt prompt, GenerationOptions options, Consumer<String> onToken);

    @Override
    default void close() {
    }
}
