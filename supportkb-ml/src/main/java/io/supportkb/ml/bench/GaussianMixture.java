package io.supportkb.ml.bench;

import java.util.Random;

/**
 * Synthetic sentence embeddings: unit vectors drawn from a mixture of isotropic Gaussians, so that
 * nearest-neighbour search meets clusters of similar texts as on real data (uniform random vectors in
 * 384 dimensions are all nearly orthogonal, which makes HNSW look worse and exact search's ranking
 * meaningless).
 *
 * <p>Real embedding spaces are anisotropic (bge vectors of unrelated texts still have cosine ~0.3-0.5),
 * so every cluster centre leans towards one shared direction: centre = normalise({@code lean} * m +
 * g/sqrt(d)) with g standard normal. A sample is normalise(centre + s * g'/sqrt(d)) with a per-cluster
 * spread s, so its cosine to the centre is about {@code 1/sqrt(1 + s^2)}. Cluster weights are
 * exponentially distributed, giving uneven cluster sizes. Deterministic for a given {@link Random}.
 *
 * @param centers unit cluster centres
 * @param spreads per-cluster spread s
 * @param cumulativeWeights cumulative cluster probabilities, last one 1
 */
record GaussianMixture(float[][] centers, double[] spreads, double[] cumulativeWeights) {

    static GaussianMixture random(int clusters, int dimensions, double lean, double minSpread, double maxSpread, Random random) {
        float[] shared = unit(gaussian(dimensions, 1.0, random));
        float[][] centers = new float[clusters][];
        double[] spreads = new double[clusters];
        double[] weights = new double[clusters];
        double total = 0;
        for (int c = 0; c < clusters; c++) {
            float[] noise = gaussian(dimensions, 1.0 / Math.sqrt(dimensions), random);
            for (int d = 0; d < dimensions; d++) {
                noise[d] += (float) (lean * shared[d]);
            }
            centers[c] = unit(noise);
            spreads[c] = minSpread + (maxSpread - minSpread) * random.nextDouble();
            weights[c] = -Math.log(1 - random.nextDouble());
            total += weights[c];
        }
        double running = 0;
        for (int c = 0; c < clusters; c++) {
            running += weights[c] / total;
            weights[c] = running;
        }
        weights[clusters - 1] = 1.0;
        return new GaussianMixture(centers, spreads, weights);
    }

    /** One unit vector: pick a cluster by weight, add Gaussian noise to its centre, normalise. */
    float[] sample(Random random) {
        double u = random.nextDouble();
        int cluster = 0;
        while (cumulativeWeights[cluster] < u) {
            cluster++;
        }
        float[] center = centers[cluster];
        float[] v = gaussian(center.length, spreads[cluster] / Math.sqrt(center.length), random);
        for (int d = 0; d < v.length; d++) {
            v[d] += center[d];
        }
        return unit(v);
    }

    private static float[] gaussian(int dimensions, double scale, Random random) {
        float[] v = new float[dimensions];
        for (int d = 0; d < dimensions; d++) {
            v[d] = (float) (random.nextGaussian() * scale);
        }
        return v;
    }

    static float[] unit(float[] v) {
        double squares = 0;
        for (float x : v) {
            squares += (double) x * x;
        }
        double norm = Math.sqrt(squares);
        float[] out = new float[v.length];
        for (int d = 0; d < v.length; d++) {
            out[d] = (float) (v[d] / norm);
        }
        return out;
    }
}
