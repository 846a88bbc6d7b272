package io.supportkb.ml.llm;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tjake.jlama.model.llama.LlamaTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated model folder is reproducible and its tokenizer is a real HuggingFace tokenizer: HF {@code tokenizers}
 * (through DJL) and Jlama both load it and agree.
 */
class TinyModelWriterTest {

    private static final String ASCII = "To reset your password, open the sign-in page.\nRefunds: 30 days! Don't wait; "
            + "call +1 (555) 0100 or email help@example.com.  Thanks\t\tteam";
    private static final String MIXED = "Café crème – 10 € ✓ naïve 日本語 🙂 Ünïcödé";

    @TempDir
    static Path work;

    private static Path model;
    private static HuggingFaceTokenizer huggingFace;
    private static ByteLevelCodec jlama;

    @BeforeAll
    static void writeModel() throws IOException {
        model = TinyModelWriter.write(work.resolve("tiny"), TinyModelWriter.Spec.defaults());
        huggingFace = HuggingFaceTokenizer.newInstance(model.resolve("tokenizer.json"),
                Map.of("padding", "false", "truncation", "false"));
        jlama = new ByteLevelCodec(new LlamaTokenizer(model));
    }

    @Test
    void sameSpecWritesByteIdenticalFiles() throws IOException {
        Path again = TinyModelWriter.write(work.resolve("again"), TinyModelWriter.Spec.defaults());

        for (String file : files(model)) {
            assertThat(Files.readAllBytes(again.resolve(file))).as(file).isEqualTo(Files.readAllBytes(model.resolve(file)));
        }
        assertThat(files(again)).containsExactlyInAnyOrder("config.json", "generation_config.json", "model.safetensors",
                "tokenizer.json", "tokenizer_config.json");
    }

    @Test
    void anotherSeedChangesTheWeightsButNotTheTokenizer() throws IOException {
        TinyModelWriter.Spec spec = TinyModelWriter.Spec.defaults();
        Path other = TinyModelWriter.write(work.resolve("seed-7"), new TinyModelWriter.Spec(spec.hidden(), spec.layers(),
                spec.heads(), spec.contextTokens(), spec.merges(), 7L, spec.trainingText()));

        assertThat(Files.readAllBytes(other.resolve("model.safetensors")))
                .isNotEqualTo(Files.readAllBytes(model.resolve("model.safetensors")));
        assertThat(Files.readAllBytes(other.resolve("tokenizer.json"))).isEqualTo(Files.readAllBytes(model.resolve("tokenizer.json")));
    }

    @Test
    void configDescribesTheSpecAndTheTokenizersVocabulary() throws IOException {
        JsonNode config = new ObjectMapper().readTree(model.resolve("config.json").toFile());
        JsonNode tokenizer = new ObjectMapper().readTree(model.resolve("tokenizer.json").toFile());

        int vocab = tokenizer.path("model").path("vocab").size() + tokenizer.path("added_tokens").size();
        assertThat(config.path("vocab_size").asInt()).isEqualTo(vocab);
        assertThat(vocab % 64).isZero();
        assertThat(tokenizer.path("model").path("merges").size()).isEqualTo(300);
        assertThat(config.path("hidden_size").asInt()).isEqualTo(64);
        assertThat(config.path("max_position_embeddings").asInt()).isEqualTo(2048);
        assertThat(huggingFace.encode("<|begin_of_text|>", false, false).getIds())
                .containsExactly(config.path("bos_token_id").asLong());
        assertThat(huggingFace.encode("<|end_of_text|><|eot_id|>", false, false).getIds())
                .containsExactly(config.path("eos_token_id").get(0).asLong(), config.path("eos_token_id").get(1).asLong());
    }

    @Test
    void huggingFaceRoundTripsAnyText() {
        for (String text : List.of(ASCII, MIXED)) {
            long[] ids = huggingFace.encode(text, false, false).getIds();

            assertThat(huggingFace.decode(ids, true)).isEqualTo(text);
        }
    }

    @Test
    void huggingFacePrependsBeginOfTextLikeLlama3() {
        long[] ids = huggingFace.encode("password", true, false).getIds();

        assertThat(huggingFace.decode(new long[] {ids[0]}, false)).isEqualTo("<|begin_of_text|>");
    }

    @Test
    void mergesLearnedFromTheTrainingTextShortenItsWords() {
        assertThat(huggingFace.encode(" password", false, false).getIds()).hasSize(1);
        String trained = "To reset your password, open the sign-in page and choose \"Forgot password\".";
        assertThat(huggingFace.encode(trained, false, false).getIds().length).isLessThan(trained.length() / 3);
    }

    @Test
    void jlamaEncodesAsciiExactlyLikeHuggingFace() {
        assertThat(jlama.encode(ASCII)).containsExactly(huggingFace.encode(ASCII, false, false).getIds());
        assertThat(jlama.decode(jlama.encode(ASCII))).isEqualTo(ASCII);
    }

    @Test
    void jlamaRoundTripsNonAsciiTextThroughUtf8Bytes() {
        long[] ids = jlama.encode(MIXED);

        assertThat(jlama.decode(ids)).isEqualTo(MIXED);
        // every byte survives: nothing above U+00FF is dropped, as Jlama alone would do
        assertThat(ids.length).isGreaterThanOrEqualTo(MIXED.length() / 2);
    }

    @Test
    void specialTokensInTextEncodeAsOneTokenAndDecodeToNothing() {
        long[] ids = jlama.encode("Hi<|eot_id|>");

        assertThat(jlama.isSpecial(ids[ids.length - 1])).isTrue();
        assertThat(jlama.encode("Hi")).containsExactly(Arrays.copyOf(ids, ids.length - 1));
        assertThat(jlama.decode(ids)).isEqualTo("Hi");
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
