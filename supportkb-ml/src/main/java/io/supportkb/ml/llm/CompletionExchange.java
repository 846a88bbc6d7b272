package io.supportkb.ml.llm;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One attempt at a chat completion: sends the request and reads the reply — one JSON object, or server-sent events
 * — on the calling thread, within the caller's deadline. It decides what a failure means: worth another attempt
 * ({@link Retryable}: no connection, HTTP 429 or 5xx, a broken body before any token) or final (a
 * {@link GenerationException}: a client error, an unreadable reply, a stream broken after tokens, the deadline).
 *
 * <p>Thread-safety: immutable; each {@link #run} is an independent exchange.
 */
final class CompletionExchange {

    sealed interface Outcome permits Completed, Retryable {
    }

    /**
     * The whole reply.
     *
     * @param finishReason as the server sent it, else null
     * @param usage        as the server sent it, else null
     * @param pieces       the streamed pieces with text, or 0 for a whole JSON reply
     */
    record Completed(String text, String finishReason, ChatCompletionsJson.Usage usage, int pieces)
            implements Outcome {
    }

    /** A failure another attempt may cure; {@code reason} names the endpoint and what happened. */
    record Retryable(String reason, Throwable cause) implements Outcome {
    }

    private final HttpClient http;
    private final HttpRequest request;
    private final String endpoint;
    private final Duration timeout;

    /**
     * @param endpoint how messages name the endpoint, e.g. {@code OpenAI endpoint http://.../chat/completions
     *                 (model m)}
     * @param timeout  the caller's whole budget, for messages
     */
    CompletionExchange(HttpClient http, HttpRequest request, String endpoint, Duration timeout) {
        this.http = http;
        this.request = request;
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    /** Runs one attempt; {@code deadline} is a {@link System#nanoTime()} value. */
    Outcome run(long deadline, boolean stream, Consumer<String> onToken) {
        ResponseLines lines = ResponseLines.send(http, request);
        try {
            int status = ((ResponseLines.Status) next(lines, deadline, 0)).code();
            if (status != 200) {
                String body = quote(rest(lines, deadline));
                String reason = endpoint + " answered HTTP " + status + ": " + body;
                if (status == 429 || status >= 500) {
                    return new Retryable(reason, null);
                }
                throw new GenerationException(reason + "; check the model name and the server's API", null);
            }
            return stream ? events(lines, deadline, onToken) : whole(rest(lines, deadline), onToken);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenerationException("interrupted while waiting for " + endpoint, e);
        } catch (BodyBroken e) {  // before any piece was passed on: events() rethrows only then
            return failed(e.getCause());
        } finally {
            lines.cancel();
        }
    }

    private Outcome events(ResponseLines lines, long deadline, Consumer<String> onToken) throws InterruptedException {
        ServerSentEvents sse = new ServerSentEvents();
        StringBuilder text = new StringBuilder();
        StringBuilder raw = new StringBuilder();  // a server that ignores stream=true answers plain JSON
        boolean sawEvent = false;
        int pieces = 0;
        String finishReason = null;
        ChatCompletionsJson.Usage usage = null;
        while (true) {
            ResponseLines.Event event;
            try {
                event = next(lines, deadline, pieces);
            } catch (BodyBroken e) {
                if (pieces == 0) {
                    throw e;
                }
                throw new GenerationException(endpoint + " broke off the stream after " + pieces + " pieces ("
                        + e.getCause() + "); not retried because text was already passed on", e.getCause());
            }
            String data;
            if (event instanceof ResponseLines.Line line) {
                if (!sawEvent) {
                    raw.append(line.text()).append('\n');
                }
                data = sse.accept(line.text());
            } else {
                data = sse.finish();
            }
            if (data != null) {
                sawEvent = true;
                if (data.strip().equals("[DONE]")) {
                    break;
                }
                ChatCompletionsJson.Part part = parse(data, false);
                if (part.content() != null && !part.content().isEmpty()) {
                    onToken.accept(part.content());
                    text.append(part.content());
                    pieces++;
                }
                finishReason = part.finishReason() != null ? part.finishReason() : finishReason;
                usage = part.usage() != null ? part.usage() : usage;
            }
            if (event instanceof ResponseLines.End) {
                if (!sawEvent && !raw.isEmpty()) {
                    return whole(raw.toString(), onToken);
                }
                break;
            }
        }
        return new Completed(text.toString(), finishReason, usage, pieces);
    }

    /** A whole JSON reply: its text reaches {@code onToken} as one piece. */
    private Outcome whole(String body, Consumer<String> onToken) {
        ChatCompletionsJson.Part part = parse(body, true);
        String text = part.content() == null ? "" : part.content();
        if (!text.isEmpty()) {
            onToken.accept(text);
        }
        return new Completed(text, part.finishReason(), part.usage(), 0);
    }

    /** The rest of the body up to its end. */
    private String rest(ResponseLines lines, long deadline) throws InterruptedException {
        StringBuilder body = new StringBuilder();
        for (ResponseLines.Event event = next(lines, deadline, 0); !(event instanceof ResponseLines.End);
                event = next(lines, deadline, 0)) {
            body.append(((ResponseLines.Line) event).text()).append('\n');
        }
        return body.toString();
    }

    /** The next event; a {@link BodyBroken} for a failure, a timeout {@link GenerationException} past the deadline. */
    private ResponseLines.Event next(ResponseLines lines, long deadline, int pieces) throws InterruptedException {
        ResponseLines.Event event = lines.next(deadline - System.nanoTime());
        if (event == null) {
            lines.cancel();
            throw new GenerationException(endpoint + " did not finish within " + timeout
                    + (pieces > 0 ? " (" + pieces + " pieces streamed)" : "")
                    + "; raise the timeout, lower maxTokens or use a faster model", null, true);
        }
        if (event instanceof ResponseLines.Failure failure && !(failure.cause() instanceof IOException)) {
            throw new GenerationException(endpoint + " failed: " + failure.cause(), failure.cause());
        }
        if (event instanceof ResponseLines.Failure failure) {
            throw new BodyBroken(failure.cause());
        }
        return event;
    }

    private ChatCompletionsJson.Part parse(String json, boolean whole) {
        try {
            return whole ? ChatCompletionsJson.completion(json) : ChatCompletionsJson.chunk(json);
        } catch (IllegalArgumentException e) {
            throw new GenerationException(endpoint + " answered something that is not a chat completion ("
                    + e.getMessage() + "): " + quote(json), e);
        }
    }

    private Retryable failed(Throwable cause) {
        String what = cause instanceof ConnectException ? "nothing is listening (connection refused)"
                : cause instanceof HttpConnectTimeoutException ? "connecting timed out"
                : "the connection failed (" + cause + ")";
        return new Retryable("cannot reach " + endpoint + ": " + what, cause);
    }

    private static String quote(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.isEmpty() ? "(empty body)" : flat.length() <= OpenAiChatModel.QUOTED_BODY_CHARS ? flat
                : flat.substring(0, OpenAiChatModel.QUOTED_BODY_CHARS) + "...";
    }

    /** The connection failed while a body was being read; the cause is the I/O failure. */
    private static final class BodyBroken extends RuntimeException {
        BodyBroken(Throwable cause) {
            super(cause);
        }
    }
}
