package io.supportkb.ml.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAI chat-completions JSON and server-sent-event framing, as {@link OpenAiChatModel} writes and reads them. */
class OpenAiChatModelWireFormatTest {

    @Test
    void requestCarriesModelMessagesSamplingLimitsAndAsksForUsageWhenStreaming() {
        GenerationOptions options = new GenerationOptions(64, 0.2f, 7L, Duration.ofSeconds(5));

        String streamed = new String(ChatCompletionsJson.request("qwen2.5:0.5b", new ChatPrompt("sys", "user \"q\""),
                options, true), StandardCharsets.UTF_8);
        String whole = new String(ChatCompletionsJson.request("m", new ChatPrompt("s", "u"), options, false),
                StandardCharsets.UTF_8);

        assertThat(streamed).isEqualTo("{\"model\":\"qwen2.5:0.5b\",\"messages\":[{\"role\":\"system\",\"content\":"
                + "\"sys\"},{\"role\":\"user\",\"content\":\"user \\\"q\\\"\"}],\"temperature\":0.2,\"seed\":7,"
                + "\"max_tokens\":64,\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        assertThat(whole).contains("\"stream\":false").doesNotContain("stream_options");
    }

    @Test
    void eventsAreDataLinesUpToABlankLineWithOrWithoutASpaceAfterTheColon() {
        ServerSentEvents sse = new ServerSentEvents();
        List<String> events = new ArrayList<>();
        for (String line : List.of(": keep-alive", "data: {\"a\":1}", "", "data:{\"b\":2}", "", "event: x",
                "id: 3", "data: one", "data: two", "", "data: [DONE]")) {
            String data = sse.accept(line);
            if (data != null) {
                events.add(data);
            }
        }
        events.add(sse.finish());

        assertThat(events).containsExactly("{\"a\":1}", "{\"b\":2}", "one\ntwo", "[DONE]");
        assertThat(sse.finish()).isNull();
    }

    @Test
    void readsDeltaFinishReasonAndAUsageOnlyFinalChunk() {
        ChatCompletionsJson.Part delta = ChatCompletionsJson.chunk(
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"finish_reason\":null}]}");
        ChatCompletionsJson.Part last = ChatCompletionsJson.chunk(
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}}");
        ChatCompletionsJson.Part jlamaEnd = ChatCompletionsJson.chunk(
                "{\"choices\":[{\"delta\":null,\"finish_reason\":\"stop\",\"index\":null}],\"usage\":null}");

        assertThat(delta).isEqualTo(new ChatCompletionsJson.Part("Hel", null, null));
        assertThat(last).isEqualTo(new ChatCompletionsJson.Part(null, null, new ChatCompletionsJson.Usage(12, 3)));
        assertThat(jlamaEnd).isEqualTo(new ChatCompletionsJson.Part(null, "stop", null));
    }

    @Test
    void readsAWholeCompletion() {
        ChatCompletionsJson.Part part = ChatCompletionsJson.completion("""
                {"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant",
                "content":"Use the reset link."},"finish_reason":"length"}],
                "usage":{"prompt_tokens":30,"completion_tokens":5}}""");

        assertThat(part).isEqualTo(new ChatCompletionsJson.Part("Use the reset link.", "length",
                new ChatCompletionsJson.Usage(30, 5)));
    }

    @Test
    void anErrorObjectOrAReplyWithoutChoicesIsNotACompletion() {
        assertThatThrownBy(() -> ChatCompletionsJson.chunk("{\"error\":{\"message\":\"context length exceeded\"}}"))
                .hasMessageContaining("context length exceeded");
        assertThatThrownBy(() -> ChatCompletionsJson.completion("{\"object\":\"list\"}"))
                .hasMessageContaining("no choices");
        assertThatThrownBy(() -> ChatCompletionsJson.completion("<html>502 Bad Gateway</html>"))
                .hasMessageContaining("not JSON");
    }
}
