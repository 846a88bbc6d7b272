package io.supportkb.ml.llm;

/**
 * Reassembles the {@code data} of server-sent events from the lines of a {@code text/event-stream} body (WHATWG
 * HTML "event stream" interpretation): {@code data:} fields of one event are joined with newlines, the event ends
 * at a blank line, a single space after the colon is dropped (Spring's {@code SseEmitter} writes none, OpenAI one),
 * and comments ({@code :...}) and the other fields ({@code event:}, {@code id:}, {@code retry:}) are ignored.
 *
 * <p>Thread-safety: none; one instance per response.
 */
final class ServerSentEvents {

    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    /** Feeds the next line (without its terminator); returns the data of the event it completes, or null. */
    String accept(String line) {
        if (line.isEmpty()) {
            return finish();
        }
        if (line.startsWith("data:")) {
            String value = line.substring(line.length() > 5 && line.charAt(5) == ' ' ? 6 : 5);
            if (hasData) {
                data.append('\n');
            }
            data.append(value);
            hasData = true;
        }
        return null;
    }

    /** The data of an event the body ended without a blank line after, or null. */
    String finish() {
        if (!hasData) {
            return null;
        }
        String event = data.toString();
        data.setLength(0);
        hasData = false;
        return event;
    }
}
