package io.supportkb.ml.index;

import static io.supportkb.ml.index.TestChunks.COLLECTION;
import static io.supportkb.ml.index.TestChunks.axis;
import static io.supportkb.ml.index.TestChunks.blend;
import static io.supportkb.ml.index.TestChunks.chunk;
import static io.supportkb.ml.index.TestChunks.cosine;
import static io.supportkb.ml.index.TestChunks.documentIds;
import static io.supportkb.ml.index.TestChunks.index;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pseudo-relevance feedback ({@link VectorFeedback}): one outlier "x" lies nearest the query, three documents
 * "a1".."a3" form a group just behind it. Fed back, the group pulls the query its way.
 */
class KnowledgeIndexFeedbackTest {

    private static final float[] QUERY = axis(0);
    private static final float[] X = blend(axis(0), axis(2), 0.5f);
    private static final float[] A1 = blend(axis(0), axis(1), 0.55f);

    private KnowledgeIndex index;

    @BeforeEach
    void indexAnOutlierAndAGroup() {
        index = KnowledgeIndex.inMemory(IndexConfig.defaults());
        index(index, chunk("x", 0).vector(X).build());
        index(index, chunk("a1", 0).vector(A1).build());
        index(index, chunk("a2", 0).vector(blend(axis(0), axis(1), 0.6f)).build());
        index(index, chunk("a3", 0).vector(blend(axis(0), axis(1), 0.65f)).build());
    }

    @AfterEach
    void close() {
        index.close();
    }

    private SearchRequest request(VectorFeedback feedback) {
        return new SearchRequest(COLLECTION, null, QUERY, SearchMode.VECTOR, 4, 1, SearchFilters.none(), 0, feedback);
    }

    @Test
    void withoutFeedbackTheOutlierIsNearest() {
        assertThat(documentIds(index.search(request(null)))).containsExactly("x", "a1", "a2", "a3");
    }

    @Test
    void feedbackMovesTheQueryTowardsTheGroupOfItsBestMatches() {
        SearchResult result = index.search(request(new VectorFeedback(3, 1f)));

        assertThat(documentIds(result)).containsExactly("a1", "a2", "a3", "x");
        // q' = q + mean(x, a1, a2) of unit vectors, normalised; the reported cosine is to q'
        float[] expanded = expandedByHand();
        assertThat((double) result.hits().getFirst().scores().vectorCosine())
                .isCloseTo(cosine(expanded, A1), within(1e-5));
        assertThat(index.search(request(new VectorFeedback(3, 1f))).hits())
                .as("deterministic").usingRecursiveFieldByFieldElementComparator().isEqualTo(result.hits());
    }

    @Test
    void feedbackFromTheSingleBestDocumentKeepsItFirst() {
        assertThat(documentIds(index.search(request(new VectorFeedback(1, 1f))))).startsWith("x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0,1", "101,1", "3,0", "3,-1", "3,11", "3,NaN"})
    void outOfRangeSettingsAreRejected(String setting) {
        String[] parts = setting.split(",");
        assertThatThrownBy(() -> new VectorFeedback(Integer.parseInt(parts[0]), Float.parseFloat(parts[1])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feedback");
    }

    private static float[] expandedByHand() {
        float[][] fed = {X, A1, blend(axis(0), axis(1), 0.6f)};
        float[] sum = unit(QUERY).clone();
        for (float[] v : fed) {
            float[] u = unit(v);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += u[i] / fed.length;
            }
        }
        return sum;
    }

    private static float[] unit(float[] v) {
        double norm = Math.sqrt(dot(v, v));
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / norm);
        }
        return u;
    }

    private static double dot(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        return d;
    }
}
