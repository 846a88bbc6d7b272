package io.supportkb.ml.llm;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A {@link ChatModel} behind an OpenAI-compatible {@code POST {baseUrl}/chat/completions} endpoint on this machine
 * (llama.cpp {@code llama-server}, Ollama, vLLM, Jlama). Plain {@code java.net.http} with HTTP/1.1; no SDK.
 *
 * <ul>
 *   <li><b>Where</b>: loopback only unless {@link OpenAiEndpoint#allowRemote()}; the constructor resolves the host
 *       name and does no other I/O.</li>
 *   <li><b>Time</b>: {@link GenerationOptions#timeout()} bounds the whole call — connecting, retries, waiting and
 *       streaming; when it runs out the exchange is abandoned and {@link GenerationException#isTimeout()} is true.
 *       </li>
 *   <li><b>Retries</b>: a connection failure, HTTP 429 or 5xx is retried up to {@code maxRetries} times after
 *       {@code retryBackoff}, doubling, but never once a token has been passed to {@code onToken}.</li>
 *   <li><b>Streaming</b>: {@link #generate(ChatPrompt, GenerationOptions, Consumer)} streams ({@code stream:
 *       true}, server-sent events); pieces reach {@code onToken} on the calling thread, in order. A stream may end
 *       with {@code data: [DONE]} or just end (Jlama). Without streaming the whole text is one piece.</li>
 *   <li><b>Token counts</b>: the server's {@code usage} when it sends one (requested with
 *       {@code stream_options.include_usage}); otherwise the prompt is {@link #countTokens(String)} of the system
 *       plus the user text (chat-template tokens not included) and the completion is the number of streamed pieces,
 *       or, for a whole JSON reply, {@link #countTokens(String)} of its text.</li>
 * </ul>
 *
 * <p>Thread-safety: safe for concurrent use; calls are independent HTTP exchanges.
 */
public final class OpenAiChatModel implements ChatModel {

    /** How much of an error body a {@link GenerationException} message quotes, in characters. */
    static final int QUOTED_BODY_CHARS = 300;

    private final OpenAiEndpoint endpoint;
    private final URI completions;
    private final HttpClient http;
    private final LocalTokenCount tokens;

    /**
     * @throws IllegalArgumentException when the host is not loopback and {@code allowRemote} is false
     * @throws java.io.UncheckedIOException when {@code tokenizerJson} is set but cannot be read
     */
    public OpenAiChatModel(OpenAiEndpoint endpoint) {
        endpoint.requireLoopback();
        this.endpoint = endpoint;
        this.completions = endpoint.chatCompletions();
        this.tokens = LocalTokenCount.of(endpoint.tokenizerJson());
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(endpoint.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String id() {
        return "openai:" + endpoint.model() + "@" + endpoint.hostAndPort();
    }

    @Override
    public int contextTokens() {
        return endpoint.contextTokens();
    }

    /**
     * Exact with {@link OpenAiEndpoint#tokenizerJson()}; otherwise {@code ceil(UTF-8 bytes / 3)}, which over-counts
     * English for current BPE vocabularies (about 4 bytes per token) and so keeps prompts safely inside the window.
     */
    @Override
    public int countTokens(String text) {
        return tokens.count(text);
    }

    /** Streams when {@code onToken} is given (it may be a no-op); the result is the same either way. */
    @Override
    public Generation generate(ChatPrompt prompt, GenerationOptions options, Consumer<String> onToken) {
        return generate(prompt, options, onToken, true);
    }

    /** As {@link #generate(ChatPrompt, GenerationOptions, Consumer)}, choosing streaming or one JSON reply. */
    public Generation generate(ChatPrompt prompt, GenerationOptions options, Consumer<String> onToken,
            boolean stream) {
        long start = System.nanoTime();
        long deadline = start + options.timeout().toNanos();
        HttpRequest.Builder request = HttpRequest.newBuilder(completions)
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(
                        ChatCompletionsJson.request(endpoint.model(), prompt, options, stream)));
        if (endpoint.apiKey() != null) {
            request.header("Authorization", "Bearer " + endpoint.apiKey());
        }
        CompletionExchange exchange = new CompletionExchange(http, request.build(), describe(), options.timeout());
        Duration backoff = endpoint.retryBackoff();
        for (int attempt = 0; ; attempt++) {
            CompletionExchange.Outcome outcome = exchange.run(deadline, stream, onToken);
            if (outcome instanceof CompletionExchange.Completed completed) {
                return generation(prompt, completed, (System.nanoTime() - start) / 1e6);
            }
            CompletionExchange.Retryable failed = (CompletionExchange.Retryable) outcome;
            if (attempt >= endpoint.maxRetries()) {
                throw new GenerationException(failed.reason() + (attempt > 0 ? " (after " + (attempt + 1)
                        + " attempts)" : "") + "; " + advice(failed), failed.cause());
            }
            if (System.nanoTime() + backoff.toNanos() >= deadline) {
                throw new GenerationException(failed.reason() + "; no time left to retry within "
                        + options.timeout() + "; " + advice(failed), failed.cause(), true);
            }
            pause(backoff);
            backoff = backoff.multipliedBy(2);
        }
    }

    private Generation generation(ChatPrompt prompt, CompletionExchange.Completed completed, double millis) {
        String text = completed.text();
        ChatCompletionsJson.Usage usage = completed.usage();
        int promptTokens = usage != null ? usage.promptTokens()
                : countTokens(prompt.system()) + countTokens(prompt.user());
        // without usage a streamed piece is a token (llama.cpp, Ollama, vLLM and Jlama send one per chunk);
        // re-tokenising the text can differ, e.g. where a token is half of a UTF-8 character
        int completionTokens = usage != null ? usage.completionTokens()
                : completed.pieces() > 0 ? completed.pieces() : countTokens(text);
        String finishReason = completed.finishReason() != null ? completed.finishReason() : "stop";
        return new Generation(text, promptTokens, completionTokens, finishReason, millis);
    }

    private String describe() {
        return "OpenAI endpoint " + completions + " (model " + endpoint.model() + ")";
    }

    private static String advice(CompletionExchange.Retryable failed) {
        Throwable cause = failed.cause();
        if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
            return "start the model server or fix supportkb baseUrl";
        }
        return cause instanceof IOException ? "check the model server's log" : "check the model server's log and "
                + "that it serves this model";
    }

    private static void pause(Duration backoff) {
        try {
            Thread.sleep(backoff);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenerationException("interrupted while waiting to retry", e);
        }
    }

    @Override
    public void close() {
        http.close();
        tokens.close();
    }

    @Override
    public String toString() {
        return "OpenAiChatModel[" + endpoint + "]";
    }
}
