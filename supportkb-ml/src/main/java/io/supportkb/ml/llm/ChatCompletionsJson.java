package io.supportkb.ml.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON of OpenAI's {@code POST /chat/completions}: the request, a whole completion and a streamed chunk. Only
 * the fields SupportKB uses are read; everything else a server adds is ignored, and absent optional fields
 * ({@code usage}, {@code finish_reason}) come back as null.
 *
 * <p>Thread-safety: stateless, safe for concurrent use.
 */
final class ChatCompletionsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ChatCompletionsJson() {
    }

    /** Token counts as the server reported them. */
    record Usage(int promptTokens, int completionTokens) {
    }

    /**
     * What one reply (or one streamed chunk) carries.
     *
     * @param content      the text (a whole message, or the delta of a chunk); null when absent
     * @param finishReason null until the server states one
     * @param usage        null unless the server reported it
     */
    record Part(String content, String finishReason, Usage usage) {
    }

    /** The request body: model, [system, user], temperature, seed, max_tokens, stream (with usage when streaming). */
    static byte[] request(String model, ChatPrompt prompt, GenerationOptions options, boolean stream) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", model);
        body.putArray("messages")
                .add(MAPPER.createObjectNode().put("role", "system").put("content", prompt.system()))
                .add(MAPPER.createObjectNode().put("role", "user").put("content", prompt.user()));
        body.put("temperature", options.temperature());
        body.put("seed", options.seed());
        body.put("max_tokens", options.maxTokens());
        body.put("stream", stream);
        if (stream) {
            body.putObject("stream_options").put("include_usage", true);
        }
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a chat-completions request", e);
        }
    }

    /** A non-streamed reply: {@code choices[0].message.content}. */
    static Part completion(String body) {
        JsonNode root = parse(body);
        JsonNode choice = root.path("choices").path(0);
        if (choice.isMissingNode()) {
            throw new IllegalArgumentException("no choices in the reply");
        }
        return new Part(text(choice.path("message").path("content")), text(choice.path("finish_reason")),
                usage(root.path("usage")));
    }

    /** A streamed chunk: {@code choices[0].delta.content}; the last chunk may carry only {@code usage}. */
    static Part chunk(String data) {
        JsonNode root = parse(data);
        JsonNode choice = root.path("choices").path(0);
        return new Part(text(choice.path("delta").path("content")), text(choice.path("finish_reason")),
                usage(root.path("usage")));
    }

    private static JsonNode parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (root.hasNonNull("error")) {
            JsonNode error = root.get("error");
            throw new IllegalArgumentException("the server reported an error: "
                    + (error.hasNonNull("message") ? error.get("message").asText() : error.toString()));
        }
        return root;
    }

    private static Usage usage(JsonNode usage) {
        if (!usage.hasNonNull("prompt_tokens") || !usage.hasNonNull("completion_tokens")) {
            return null;
        }
        return new Usage(usage.get("prompt_tokens").asInt(), usage.get("completion_tokens").asInt());
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }
}
