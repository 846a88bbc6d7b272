package io.supportkb.ml.embed;

/** An input has more tokens than the model accepts and truncation is off. */
public final class InputTooLongException extends IllegalArgumentException {

    private final int index;
    private final int tokens;
    private final int limit;

    public InputTooLongException(int index, int tokens, int limit) {
        super("input " + index + " has " + tokens + " tokens, the model accepts at most " + limit
                + " (chunk the text, or enable truncation)");
        this.index = index;
        this.tokens = tokens;
        this.limit = limit;
    }

    public int index() {
        return index;
    }

    public int tokens() {
        return tokens;
    }

    public int limit() {
        return limit;
    }
}
