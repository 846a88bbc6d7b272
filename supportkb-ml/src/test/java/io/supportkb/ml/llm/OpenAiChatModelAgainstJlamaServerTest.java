package io.supportkb.ml.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OpenAiChatModel} against a real OpenAI-compatible server: Jlama's OpenAI REST service in its own JVM
 * ({@link JlamaOpenAiServerProcess}) serving the random-weight {@link TinyModelWriter} model (seed 42). That model
 * never picks a stop token, so every generation runs to {@code max_tokens}.
 */
class OpenAiChatModelAgainstJlamaServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ChatPrompt PROMPT = new ChatPrompt(
            "Answer only from the context. Cite the passage number.",
            "Context:\n[1] To reset your password, open the sign-in page and choose \"Forgot password\".\n\n"
                    + "Question: How do I reset my password?");

    @TempDir
    static Path work;

    private static JlamaOpenAiServerProcess server;
    private static OpenAiChatModel model;

    @BeforeAll
    static void startServer() throws IOException {
        Path modelDir = TinyModelWriter.write(work.resolve("tiny-llama"), TinyModelWriter.Spec.defaults());
        server = JlamaOpenAiServerProcess.start(modelDir, work, Duration.ofSeconds(60));
        model = new OpenAiChatModel(OpenAiEndpoint.of(server.baseUrl(), "tiny-llama", 2048)
                .withTokenizer(modelDir.resolve("tokenizer.json")));
    }

    @AfterAll
    static void stopServer() {
        if (model != null) {
            model.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void nonStreamingCompletionReturnsTextAndTokenCounts() {
        List<String> pieces = new ArrayList<>();

        Generation generation = model.generate(PROMPT, GenerationOptions.greedy(12, TIMEOUT), pieces::add, false);

        assertThat(generation.text()).isNotBlank();
        assertThat(pieces).containsExactly(generation.text());
        // Jlama sends no usage: the counts are the model's own tokenizer.json, prompt without chat template
        assertThat(generation.promptTokens())
                .isEqualTo(model.countTokens(PROMPT.system()) + model.countTokens(PROMPT.user()))
                .isGreaterThan(12);
        assertThat(generation.completionTokens()).isEqualTo(model.countTokens(generation.text())).isPositive();
        assertThat(generation.finishReason()).isEqualTo("stop");
        assertThat(generation.millis()).isPositive();
    }

    @Test
    void streamedPiecesConcatenateToTheText() {
        List<String> pieces = new ArrayList<>();

        Generation generation = model.generate(PROMPT, GenerationOptions.greedy(12, TIMEOUT), pieces::add);

        assertThat(pieces).hasSizeGreaterThan(1);
        assertThat(String.join("", pieces)).isEqualTo(generation.text());
        assertThat(generation.completionTokens()).isEqualTo(pieces.size());
    }

    @Test
    void samePromptTwiceGivesTheSameTextAtTemperatureZero() {
        GenerationOptions greedy = GenerationOptions.greedy(16, TIMEOUT);

        String first = model.generate(PROMPT, greedy, piece -> { }, false).text();
        String second = model.generate(PROMPT, greedy, piece -> { }, false).text();
        String streamed = model.generate(PROMPT, greedy, piece -> { }).text();

        assertThat(second).isEqualTo(first);
        assertThat(streamed).isEqualTo(first);
    }

    @Test
    void generatesAtMostMaxTokensEvenForAPromptLongerThanThat() {
        List<String> five = new ArrayList<>();
        List<String> twelve = new ArrayList<>();

        Generation short5 = model.generate(PROMPT, GenerationOptions.greedy(5, TIMEOUT), five::add);
        Generation long12 = model.generate(PROMPT, GenerationOptions.greedy(12, TIMEOUT), twelve::add);

        // the tiny model never stops on its own, so it uses the whole budget
        assertThat(five).hasSize(5);
        assertThat(twelve).hasSize(12);
        assertThat(short5.completionTokens()).isEqualTo(5);
        assertThat(long12.text()).startsWith(short5.text());
    }

    @Test
    void idNamesTheModelAndTheServersHostAndPort() {
        assertThat(model.id()).isEqualTo("openai:tiny-llama@127.0.0.1:" + server.baseUrl().getPort());
    }
}
