package io.supportkb.ml.embed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks token ids and vectors against reference-vectors.json, made by tools/reference/embed-reference.mjs:
 * a plain Node pipeline (pure-JS tokenizer, onnxruntime-node, hand-written pooling) sharing no code with
 * {@link Embedder}. The texts there already carry the model's prefixes, so they are embedded here as
 * plain passages of a prefix-free view of the model.
 */
class EmbedderReferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"bge-small-en-v1.5", "e5-small-v2", "all-minilm-l6-v2"})
    void matchesIndependentReferenceVectorsWithin1e4Cosine(String modelId) throws IOException {
        JsonNode entries = reference().path("models").path(modelId);
        assertThat(entries.size()).as("reference entries for %s", modelId).isGreaterThanOrEqualTo(3);
        ModelSource.Builtin builtin = new ModelSource.Builtin(modelId);
        ModelDescriptor d = builtin.descriptor();
        ModelDescriptor noPrefix = new ModelDescriptor(d.id(), d.dimensions(), d.maxTokens(), d.pooling(),
                d.normalize(), "", "", d.onnx(), d.tokenizer());
        try (Embedder embedder = Embedder.load(new ModelSource.Builtin(modelId, noPrefix), EmbedderConfig.defaults())) {
            List<String> texts = new ArrayList<>();
            entries.forEach(e -> texts.add(e.path("text").asText()));
            List<float[]> vectors = embedder.embedPassages(texts);
            for (int i = 0; i < texts.size(); i++) {
                JsonNode entry = entries.get(i);
                float[] expected = new float[entry.path("vector").size()];
                for (int k = 0; k < expected.length; k++) {
                    expected[k] = (float) entry.path("vector").get(k).asDouble();
                }
                assertThat(cosine(vectors.get(i), expected)).as("%s: %s", modelId, texts.get(i))
                        .isGreaterThan(1 - 1e-4);
                assertThat(embedder.passageTokenLengths(List.of(texts.get(i)))[0])
                        .as("token count of %s", texts.get(i)).isEqualTo(entry.path("tokenIds").size());
            }
        }
    }

    private static double cosine(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    private static JsonNode reference() throws IOException {
        try (InputStream in = EmbedderReferenceTest.class.getResourceAsStream("/reference/reference-vectors.json")) {
            assertThat(in).as("reference-vectors.json on the test classpath").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }
}
