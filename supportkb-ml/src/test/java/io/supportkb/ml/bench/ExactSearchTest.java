package io.supportkb.ml.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExactSearchTest {

    private static final long SEED = 20261125L;

    @Test
    void findsTheSameNeighboursAsSortingAllScores() {
        Random random = new Random(SEED);
        GaussianMixture mixture = GaussianMixture.random(5, 16, 0.7, 0.5, 1.0, random);
        float[][] vectors = IntStream.range(0, 500).mapToObj(i -> mixture.sample(random)).toArray(float[][]::new);
        ExactSearch search = new ExactSearch(vectors);
        for (int q = 0; q < 20; q++) {
            float[] query = mixture.sample(random);
            int[] expected = IntStream.range(0, vectors.length).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -dot(query, vectors[i])).thenComparing(i -> i))
                    .limit(10).mapToInt(Integer::intValue).toArray();
            assertThat(search.topK(query, 10)).as("query %d", q).containsExactly(expected);
        }
    }

    @Test
    void equalScoresGoToTheLowerIndexAndKIsCappedByTheVectorCount() {
        float[] a = {1, 0};
        float[] b = {0, 1};
        ExactSearch search = new ExactSearch(new float[][] {b, a, b, a});
        assertThat(search.topK(new float[] {1, 0}, 3)).containsExactly(1, 3, 0);
        assertThat(search.topK(new float[] {0, 1}, 10)).containsExactly(0, 2, 1, 3);
    }

    @Test
    void mixtureSamplesAreUnitVectorsAndReproducibleFromTheSeed() {
        GaussianMixture first = GaussianMixture.random(8, 32, 0.7, 0.5, 1.0, new Random(SEED));
        GaussianMixture second = GaussianMixture.random(8, 32, 0.7, 0.5, 1.0, new Random(SEED));
        Random r1 = new Random(1);
        Random r2 = new Random(1);
        for (int i = 0; i < 50; i++) {
            float[] x = first.sample(r1);
            assertThat(x).containsExactly(second.sample(r2));
            assertThat(dot(x, x)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int d = 0; d < a.length; d++) {
            sum += a[d] * b[d];
        }
        return sum;
    }
}
