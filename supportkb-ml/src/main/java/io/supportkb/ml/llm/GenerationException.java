package io.supportkb.ml.llm;

/**
 * A generation failed: the model is unreachable, timed out, answered an error or could not be loaded. The message
 * names the model or endpoint and what to do next.
 */
public class GenerationException extends RuntimeException {

    private final boolean timeout;

    public GenerationException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public GenerationException(String message, Throwable cause, boolean timeout) {
        super(message, cause);
        this.timeout = timeout;
    }

    /** Whether the generation ran out of time (as opposed to failing). */
    public boolean isTimeout() {
        return timeout;
    }
}
