package io.supportkb.ml.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading, prompting, streaming and limits of {@link JlamaChatModel} on the random {@link TinyModelWriter} model (seed
 * 42): these prove the plumbing, not the quality of the text, which is gibberish.
 */
class JlamaChatModelTest {

    private static final ChatPrompt PROMPT = new ChatPrompt("Answer from the context only.",
            "Context: passwords are reset from the sign-in page.\nQuestion: How do I reset my password?");
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @TempDir
    static Path work;

    private static Path modelDir;
    private static JlamaChatModel model;

    @BeforeAll
    static void load() {
        modelDir = TinyModelWriter.write(work.resolve("tiny"), TinyModelWriter.Spec.defaults());
        model = JlamaChatModel.load(modelDir);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void loadsTheFolderWithItsContextWindowAndAnIdNamedAfterIt() {
        assertThat(model.id()).isEqualTo("jlama:tiny");
        assertThat(model.contextTokens()).isEqualTo(2048);
        assertThat(model.countTokens("")).isZero();
        assertThat(model.countTokens(" password")).isEqualTo(1);
        assertThat(model.threads()).isPositive();
    }

    @Test
    void rendersTheLlama3ChatTemplateAfterBeginOfText() {
        int[] ids = model.promptTokens(PROMPT);
        ByteLevelCodec codec = new ByteLevelCodec(new com.github.tjake.jlama.model.llama.LlamaTokenizer(modelDir));
        long[] expected = codec.encode("<|start_header_id|>system<|end_header_id|>\n\nAnswer from the context only.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\n" + PROMPT.user() + "<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n");

        assertThat(ids[0]).isEqualTo(codec.encode("<|begin_of_text|>")[0]);
        assertThat(IntStream.range(1, ids.length).mapToLong(i -> ids[i]).toArray()).containsExactly(expected);
    }

    @Test
    void generatesTheSameTextTwiceWhenGreedy() {
        Generation first = model.generate(PROMPT, GenerationOptions.greedy(24, TEN_SECONDS), piece -> {});
        Generation second = model.generate(PROMPT, GenerationOptions.greedy(24, TEN_SECONDS), piece -> {});

        assertThat(first.text()).isNotEmpty().isEqualTo(second.text());
        assertThat(first.promptTokens()).isEqualTo(model.promptTokens(PROMPT).length);
        assertThat(first.completionTokens()).isEqualTo(24);
        assertThat(first.millis()).isPositive();
    }

    @Test
    void samplesTheSameTextForTheSameSeed() {
        Generation first = model.generate(PROMPT, new GenerationOptions(24, 1.0f, 7L, TEN_SECONDS), piece -> {});
        Generation second = model.generate(PROMPT, new GenerationOptions(24, 1.0f, 7L, TEN_SECONDS), piece -> {});
        Generation otherSeed = model.generate(PROMPT, new GenerationOptions(24, 1.0f, 8L, TEN_SECONDS), piece -> {});

        assertThat(first.text()).isEqualTo(second.text()).isNotEqualTo(otherSeed.text());
    }

    @Test
    void streamedPiecesConcatenateToTheReturnedText() {
        List<String> pieces = new ArrayList<>();

        Generation generation = model.generate(PROMPT, GenerationOptions.greedy(32, TEN_SECONDS), pieces::add);

        assertThat(String.join("", pieces)).isEqualTo(generation.text());
        assertThat(pieces).allSatisfy(piece -> assertThat(piece).isNotEmpty()).hasSizeLessThanOrEqualTo(33);
    }

    @Test
    void stopsAtMaxTokensWithFinishReasonLength() {
        Generation generation = model.generate(PROMPT, GenerationOptions.greedy(5, TEN_SECONDS), piece -> {});

        assertThat(generation.completionTokens()).isEqualTo(5);
        assertThat(generation.finishReason()).isEqualTo("length");
    }

    @Test
    void stopsAtAnEndOfSequenceTokenWithFinishReasonStop() throws IOException {
        // every token is an EOS token in this copy, so the first one generated ends the generation
        Path copy = TinyModelWriter.write(work.resolve("all-eos"), TinyModelWriter.Spec.defaults());
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(copy.resolve("config.json").toFile());
        config.putPOJO("eos_token_id", IntStream.range(0, config.get("vocab_size").asInt()).boxed().toList());
        json.writeValue(copy.resolve("config.json").toFile(), config);

        try (JlamaChatModel stopping = JlamaChatModel.load(copy)) {
            Generation generation = stopping.generate(PROMPT, GenerationOptions.greedy(8, TEN_SECONDS), piece -> {});

            assertThat(generation.finishReason()).isEqualTo("stop");
            assertThat(generation.completionTokens()).isZero();
            assertThat(generation.text()).isEmpty();
        }
    }

    @Test
    void rejectsAPromptThatDoesNotFitTheContextWindowNamingBothNumbers() {
        ChatPrompt tooLong = new ChatPrompt("", "reset my password ".repeat(1500));
        int promptTokens = model.promptTokens(tooLong).length;

        GenerationException e = catchThrowableOfType(GenerationException.class,
                () -> model.generate(tooLong, GenerationOptions.greedy(16, TEN_SECONDS), piece -> {}));

        assertThat(promptTokens).isGreaterThan(2048 - 16);
        assertThat(e.isTimeout()).isFalse();
        assertThat(e.getMessage()).contains(promptTokens + " tokens", "maxTokens is 16", "2048-token context", "jlama:tiny");
    }

    @Test
    void timesOutBeforeTheFirstTokenWhenTheTimeoutIsTiny() {
        List<String> pieces = new ArrayList<>();

        GenerationException e = catchThrowableOfType(GenerationException.class,
                () -> model.generate(PROMPT, GenerationOptions.greedy(16, Duration.ofNanos(1)), pieces::add));

        assertThat(e.isTimeout()).isTrue();
        assertThat(e.getMessage()).contains("timeout", "jlama:tiny");
        assertThat(pieces).isEmpty();
    }

    @Test
    void abortsAGenerationThatOutlivesItsTimeout() {
        long start = System.nanoTime();
        List<String> pieces = new ArrayList<>();
        // the consumer is slow: the first piece keeps it busy past the 100 ms timeout (a busy wait, not a sleep)
        GenerationException e = catchThrowableOfType(GenerationException.class,
                () -> model.generate(PROMPT, GenerationOptions.greedy(1000, Duration.ofMillis(100)), piece -> {
                    pieces.add(piece);
                    while (System.nanoTime() - start < 150_000_000L) {
                        Thread.onSpinWait();
                    }
                }));

        assertThat(e.isTimeout()).isTrue();
        assertThat(pieces).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void serialisesConcurrentGenerationsWithoutMixingThemUp() throws Exception {
        String alone = model.generate(PROMPT, GenerationOptions.greedy(16, TEN_SECONDS), piece -> {}).text();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<String>> texts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                texts.add(pool.submit(() -> model.generate(PROMPT, GenerationOptions.greedy(16, TEN_SECONDS), piece -> {}).text()));
            }
            for (Future<String> text : texts) {
                assertThat(text.get()).isEqualTo(alone);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesAMissingFolderNamingIt() {
        Path missing = work.resolve("no-such-model");

        assertThatThrownBy(() -> JlamaChatModel.load(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void refusesAFolderWithoutTokenizerNamingTheFile() throws IOException {
        Path broken = TinyModelWriter.write(work.resolve("no-tokenizer"), TinyModelWriter.Spec.defaults());
        Files.delete(broken.resolve("tokenizer.json"));

        assertThatThrownBy(() -> JlamaChatModel.load(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no tokenizer.json in " + broken);
    }

    @Test
    void refusesACorruptConfigNamingTheFile() throws IOException {
        Path broken = TinyModelWriter.write(work.resolve("corrupt-config"), TinyModelWriter.Spec.defaults());
        Files.writeString(broken.resolve("config.json"), "{\"model_type\": \"llama\", \"hidden_size\": ");

        assertThatThrownBy(() -> JlamaChatModel.load(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(broken.resolve("config.json") + " unreadable: ");
    }

    @Test
    void refusesAConfigWithoutSizesNamingTheField() throws IOException {
        Path broken = TinyModelWriter.write(work.resolve("no-sizes"), TinyModelWriter.Spec.defaults());
        Files.writeString(broken.resolve("config.json"), "{\"model_type\": \"llama\"}");

        assertThatThrownBy(() -> JlamaChatModel.load(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(broken.resolve("config.json") + ": 'hidden_size' is missing or not a positive integer");
    }
}
