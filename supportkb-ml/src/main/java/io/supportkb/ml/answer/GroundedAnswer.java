package io.supportkb.ml.answer;

import java.util.List;

/**
 * An answer and how it was produced.
 *
 * @param status      {@code ANSWERED}, {@code NOT_ENOUGH_INFORMATION} (weak retrieval, or no supported sentence)
 *                    or {@code FAILED} (the model was unreachable, timed out or failed; {@code error} says why)
 * @param text        the answer with its citation markers, or the "not enough information" message
 * @param sentences   the checked sentences (empty unless answered, or for a rejected generation: what was rejected)
 * @param check       the citation check, {@code null} when nothing was generated
 * @param reason      why the status is what it is, in words with numbers
 * @param error       the failure, or {@code null}
 * @param answerer    {@code extractive}, {@code openai} or {@code jlama}
 * @param modelId     the model that chose or generated the text
 * @param generated   the raw model output before the check ({@code null} for extractive answers)
 * @param prompt      the prompt's size and hash, {@code null} for extractive answers
 * @param usage       token counts, {@code null} for extractive answers
 * @param timings     milliseconds per answering step
 */
public record GroundedAnswer(Status status, String text, List<AnswerSentence> sentences, CitationCheck check,
                             String reason, String error, String answerer, String modelId, String generated,
                             PromptInfo prompt, Usage usage, Timings timings) {

    /** What the user should read from the answer. */
    public enum Status { ANSWERED, NOT_ENOUGH_INFORMATION, FAILED }

    /** The reply when the knowledge base does not support an answer. */
    public static final String NOT_ENOUGH_INFORMATION = "Not enough information in the knowledge base to answer this.";

    public GroundedAnswer {
        sentences = List.copyOf(sentences);
    }

    /**
     * The prompt sent to a language model, summarised for traces.
     *
     * @param sha256   hex SHA-256 of system + user message (UTF-8)
     * @param chars    characters of both messages
     * @param tokens   prompt tokens in the model's tokenizer, as counted before sending
     * @param passages how many passages fitted in the token budget (the rest were left out)
     */
    public record PromptInfo(String sha256, int chars, int tokens, int passages) {
    }

    /**
     * Token counts as the model reported them.
     *
     * @param promptTokens     tokens of the prompt
     * @param completionTokens tokens generated
     */
    public record Usage(int promptTokens, int completionTokens) {
    }

    /**
     * Milliseconds per answering step; a step that did not run is 0.
     *
     * @param selectMs   extractive: sentence scoring and selection; generative: prompt building
     * @param generateMs the model's generation
     * @param checkMs    the citation check
     * @param totalMs    the whole answer
     */
    public record Timings(double selectMs, double generateMs, double checkMs, double totalMs) {
    }

    /** Whether a new answer is needed (a failure is not cached). */
    public boolean cacheable() {
        return status != Status.FAILED;
    }
}
