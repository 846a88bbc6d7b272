package io.supportkb.ml.llm;

/**
 * A finished completion.
 *
 * @param text             the generated text
 * @param promptTokens     prompt tokens as the backend counted them
 * @param completionTokens generated tokens
 * @param finishReason     {@code stop} (the model ended), {@code length} (maxTokens reached) or a backend's reason
 * @param millis           wall time of the generation
 */
public record Generation(String text, int promptTokens, int completionTokens, String finishReason, double millis) {

    /** Generated tokens per second of wall time. */
    public double tokensPerSecond() {
        return millis <= 0 ? 0 : completionTokens * 1000.0 / millis;
    }
}
