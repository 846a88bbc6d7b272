package io.supportkb.ml.answer;

import java.util.function.Consumer;

/**
 * Turns a question and its retrieved passages into a {@link GroundedAnswer}. Implementations are deterministic for a
 * fixed model and request, never throw for a model failure (they answer {@code FAILED} with the error), and are
 * thread-safe.
 */
public interface Answerer {

    /** {@code extractive}, {@code openai} or {@code jlama}. */
    String name();

    /** The model behind the answers (part of answer cache keys). */
    String modelId();

    /**
     * Answers.
     *
     * @param request the question and context
     * @param onToken receives generated text as it is produced (streaming); extractive answerers send the whole
     *                answer once
     */
    GroundedAnswer answer(AnswerRequest request, Consumer<String> onToken);
}
