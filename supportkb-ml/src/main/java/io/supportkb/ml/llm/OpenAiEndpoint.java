package io.supportkb.ml.llm;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where and how {@link OpenAiChatModel} reaches an OpenAI-compatible chat-completions server (llama.cpp's
 * {@code llama-server}, Ollama, vLLM, Jlama, ...).
 *
 * @param baseUrl        the API root the server documents, e.g. {@code http://127.0.0.1:11434/v1} for Ollama; the
 *                       client posts to {@code {baseUrl}/chat/completions}
 * @param model          the model name the server expects in {@code model}
 * @param allowRemote    false (the default) requires {@code baseUrl}'s host to resolve to loopback addresses only,
 *                       so no prompt or document text leaves the machine by mistake
 * @param connectTimeout longest wait for a TCP connection, per attempt
 * @param maxRetries     extra attempts after a connection failure, HTTP 429 or 5xx, {@code >= 0}; never once a
 *                       token has been streamed
 * @param retryBackoff   wait before the first retry; it doubles for each further retry
 * @param contextTokens  the model's context window in its own tokens (prompt plus completion)
 * @param tokenizerJson  the model's Hugging Face {@code tokenizer.json} for exact token counts, or null for the
 *                       conservative estimate documented at {@link OpenAiChatModel#countTokens(String)}
 * @param apiKey         sent as {@code Authorization: Bearer ...} when not null; never printed
 */
public record OpenAiEndpoint(URI baseUrl, String model, boolean allowRemote, Duration connectTimeout, int maxRetries,
        Duration retryBackoff, int contextTokens, Path tokenizerJson, String apiKey) {

    public OpenAiEndpoint {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme()) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL with a host, e.g. "
                    + "http://127.0.0.1:11434/v1, not '" + baseUrl + "'");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model is required: the name the server at " + baseUrl + " expects");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || retryBackoff.isNegative() || maxRetries < 0
                || contextTokens < 1) {
            throw new IllegalArgumentException("connectTimeout > 0, retryBackoff >= 0, maxRetries >= 0 and "
                    + "contextTokens >= 1 are required");
        }
    }

    /** Loopback only, connect timeout 2 s, 2 retries starting at 250 ms, no tokenizer, no API key. */
    public static OpenAiEndpoint of(URI baseUrl, String model, int contextTokens) {
        return new OpenAiEndpoint(baseUrl, model, false, Duration.ofSeconds(2), 2, Duration.ofMillis(250),
                contextTokens, null, null);
    }

    public OpenAiEndpoint withTokenizer(Path value) {
        return new OpenAiEndpoint(baseUrl, model, allowRemote, connectTimeout, maxRetries, retryBackoff,
                contextTokens, value, apiKey);
    }

    public OpenAiEndpoint withRetries(int value, Duration backoff) {
        return new OpenAiEndpoint(baseUrl, model, allowRemote, connectTimeout, value, backoff, contextTokens,
                tokenizerJson, apiKey);
    }

    public OpenAiEndpoint withAllowRemote(boolean value) {
        return new OpenAiEndpoint(baseUrl, model, value, connectTimeout, maxRetries, retryBackoff, contextTokens,
                tokenizerJson, apiKey);
    }

    /** {@code host:port}, the port defaulted from the scheme. */
    public String hostAndPort() {
        int port = baseUrl.getPort() != -1 ? baseUrl.getPort() : "https".equals(baseUrl.getScheme()) ? 443 : 80;
        return baseUrl.getHost() + ":" + port;
    }

    /** {@code {baseUrl}/chat/completions}, whether or not {@code baseUrl} ends with a slash. */
    public URI chatCompletions() {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/chat/completions");
    }

    /**
     * Unless {@link #allowRemote}, resolves the host (a name lookup, no connection) and rejects it when any of its
     * addresses is not loopback (127.0.0.0/8, ::1).
     *
     * @throws IllegalArgumentException naming the host and the {@code allowRemote} setting
     */
    void requireLoopback() {
        if (allowRemote) {
            return;
        }
        String host = baseUrl.getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("OpenAI endpoint host '" + host + "' does not resolve; use a loopback "
                    + "address such as 127.0.0.1 (or set allowRemote=true to reach another machine)", e);
        }
        if (!Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress)) {
            throw new IllegalArgumentException("OpenAI endpoint host '" + host + "' is not loopback "
                    + Arrays.toString(addresses) + ": prompts would leave this machine. Run the model server on "
                    + "127.0.0.1, or set allowRemote=true if that is intended");
        }
    }

    /** Like the record's own, with the API key masked. */
    @Override
    public String toString() {
        return "OpenAiEndpoint[baseUrl=" + baseUrl + ", model=" + model + ", allowRemote=" + allowRemote
                + ", connectTimeout=" + connectTimeout + ", maxRetries=" + maxRetries + ", retryBackoff="
                + retryBackoff + ", contextTokens=" + contextTokens + ", tokenizerJson=" + tokenizerJson
                + ", apiKey=" + (apiKey == null ? "null" : "****") + "]";
    }
}
