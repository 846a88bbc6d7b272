package io.supportkb.ml.index;

import static io.supportkb.ml.index.TestChunks.COLLECTION;
import static io.supportkb.ml.index.TestChunks.axis;
import static io.supportkb.ml.index.TestChunks.blend;
import static io.supportkb.ml.index.TestChunks.chunk;
import static io.supportkb.ml.index.TestChunks.cosine;
import static io.supportkb.ml.index.TestChunks.index;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exact kNN scan of small collections ({@link IndexConfig#exactSearchMaxChunks()}) and the content-based
 * tie-breaks: together they make a ranking a function of the content and the query only.
 */
class KnowledgeIndexExactSearchTest {

    private static final int DOCUMENTS = 300;

    @Test
    void theExactScanReturnsTheTrueNearestChunks() {
        List<float[]> vectors = randomVectors(DOCUMENTS, 7);
        float[] query = randomVectors(1, 8).getFirst();
        try (KnowledgeIndex exact = KnowledgeIndex.inMemory(IndexConfig.defaults().withExactSearchMaxChunks(DOCUMENTS))) {
            for (int i = 0; i < DOCUMENTS; i++) {
                index(exact, chunk("d" + i, 0).vector(vectors.get(i)).build());
            }

            List<DocumentHit> hits = exact.search(new SearchRequest(COLLECTION, null, query, SearchMode.VECTOR, 20, 1,
                    SearchFilters.none(), 20)).hits();

            List<Integer> truth = IntStream.range(0, DOCUMENTS).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -cosine(query, vectors.get(i)))).limit(20).toList();
            assertThat(hits).extracting(DocumentHit::documentId)
                    .containsExactlyElementsOf(truth.stream().map(i -> "d" + i).toList());
            for (int r = 0; r < hits.size(); r++) {
                assertThat((double) hits.get(r).scores().vectorCosine())
                        .isCloseTo(cosine(query, vectors.get(truth.get(r))), within(1e-5));
            }
        }
    }

    @Test
    void theScanAndTheGraphGiveAChunkTheSameCosine() {
        List<float[]> vectors = randomVectors(DOCUMENTS, 11);
        float[] query = randomVectors(1, 12).getFirst();
        try (KnowledgeIndex exact = KnowledgeIndex.inMemory(IndexConfig.defaults().withExactSearchMaxChunks(DOCUMENTS));
             KnowledgeIndex graph = KnowledgeIndex.inMemory(IndexConfig.defaults().withExactSearchMaxChunks(0))) {
            for (int i = 0; i < DOCUMENTS; i++) {
                index(exact, chunk("d" + i, 0).vector(vectors.get(i)).build());
                index(graph, chunk("d" + i, 0).vector(vectors.get(i)).build());
            }
            SearchRequest request = new SearchRequest(COLLECTION, null, query, SearchMode.VECTOR, 50, 1,
                    SearchFilters.none(), 50);

            Map<String, Float> scanned = cosines(exact.search(request).hits());
            Map<String, Float> walked = cosines(graph.search(request).hits());

            assertThat(walked.keySet()).isNotEmpty();
            walked.forEach((id, cosine) -> {
                if (scanned.containsKey(id)) {
                    assertThat(Float.floatToIntBits(cosine)).as(id).isEqualTo(Float.floatToIntBits(scanned.get(id)));
                }
            });
            // 300 chunks of 8 dimensions: the graph finds (nearly) all of the true 50
            assertThat(walked.keySet()).filteredOn(scanned::containsKey).hasSizeGreaterThanOrEqualTo(45);
        }
    }

    @Test
    void theExactScanObeysTheFilter() {
        try (KnowledgeIndex exact = KnowledgeIndex.inMemory(IndexConfig.defaults())) {
            for (int i = 0; i < 20; i++) {
                index(exact, chunk("near-" + i, 0).vector(blend(axis(0), axis(1), i / 100f)).tags("billing").build());
            }
            index(exact, chunk("far", 0).vector(axis(1)).tags("sso").build());
            index(exact, chunk("elsewhere", 0).collection("globex").vector(axis(0)).tags("sso").build());

            List<DocumentHit> hits = exact.search(new SearchRequest(COLLECTION, null, axis(0), SearchMode.VECTOR, 5, 1,
                    new SearchFilters(null, java.util.Set.of("sso"), null, null), 0)).hits();

            assertThat(hits).extracting(DocumentHit::documentId).containsExactly("far");
        }
    }

    /**
     * Twenty documents whose vectors take three values and whose texts tie in BM25 (one shared term, one word
     * of the same length each), indexed twice: in order with ids {@code a-00…a-19}, and in reverse order with
     * ids that sort the other way round. Every mode ranks the same texts in the same order in both indexes.
     */
    @ParameterizedTest
    @EnumSource(SearchMode.class)
    void rankingDependsOnTheContentNotOnIdsOrInsertionOrder(SearchMode mode) {
        String[] words = {"amber", "birch", "cedar", "delta", "ember", "fjord", "grove", "heath", "inlet", "jetty"};
        float[][] vectorValues = {axis(0), blend(axis(0), axis(1), 0.5f), axis(1)};
        List<String> texts = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            texts.add("refund " + words[(i * 7) % words.length] + (i < 10 ? "" : " refund"));
            vectors.add(vectorValues[i % 3]);
        }
        try (KnowledgeIndex forward = KnowledgeIndex.inMemory(IndexConfig.defaults());
             KnowledgeIndex backward = KnowledgeIndex.inMemory(IndexConfig.defaults())) {
            Map<String, String> textById = new HashMap<>();
            for (int i = 0; i < 20; i++) {
                String id = String.format("a-%02d", i);
                index(forward, chunk(id, 0).title(null).text(texts.get(i)).vector(vectors.get(i)).build());
                textById.put(id, texts.get(i));
            }
            for (int i = 19; i >= 0; i--) {
                String id = String.format("b-%02d", 99 - i);
                index(backward, chunk(id, 0).title(null).text(texts.get(i)).vector(vectors.get(i)).build());
                textById.put(id, texts.get(i));
            }
            SearchRequest request = new SearchRequest(COLLECTION, "refund", blend(axis(0), axis(1), 0.2f), mode, 20, 1,
                    SearchFilters.none(), 0);

            List<String> forwardTexts = forward.search(request).hits().stream().map(h -> textById.get(h.documentId())).toList();
            List<String> backwardTexts = backward.search(request).hits().stream().map(h -> textById.get(h.documentId())).toList();

            assertThat(forwardTexts).hasSize(20).doesNotHaveDuplicates();
            assertThat(backwardTexts).containsExactlyElementsOf(forwardTexts);
        }
    }

    @Test
    void aNegativeThresholdIsRejected() {
        assertThatThrownBy(() -> IndexConfig.defaults().withExactSearchMaxChunks(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactSearchMaxChunks");
    }

    private static Map<String, Float> cosines(List<DocumentHit> hits) {
        Map<String, Float> cosines = new HashMap<>();
        hits.forEach(hit -> cosines.put(hit.documentId(), hit.scores().vectorCosine()));
        return cosines;
    }

    private static List<float[]> randomVectors(int count, long seed) {
        Random random = new Random(seed);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            vectors.add(TestChunks.random(random));
        }
        return vectors;
    }
}
