package io.supportkb.ml.bench;

import org.apache.lucene.util.VectorUtil;

/**
 * The exact k nearest neighbours by cosine, by scanning every vector: the ground truth for recall and
 * the baseline for speed. Vectors must be unit length (cosine = dot product); the dot product is
 * Lucene's {@link VectorUtil#dotProduct}, SIMD with the Vector API, as in the HNSW search it is
 * compared with. Single-threaded, like one search in the index; thread-safe (read-only).
 */
final class ExactSearch {

    private final float[][] vectors;

    ExactSearch(float[][] vectors) {
        this.vectors = vectors;
    }

    /** Indices of the {@code k} vectors most similar to {@code query}, best first; ties go to the lower index. */
    int[] topK(float[] query, int k) {
        int n = Math.min(k, vectors.length);
        int[] ids = new int[n];
        float[] scores = new float[n];
        int size = 0;
        for (int i = 0; i < vectors.length; i++) {
            float score = VectorUtil.dotProduct(query, vectors[i]);
            if (size < n || score > scores[size - 1]) {
                // insertion into the short sorted list; an equal score stays behind the earlier index
                int at = size < n ? size++ : size - 1;
                while (at > 0 && scores[at - 1] < score) {
                    scores[at] = scores[at - 1];
                    ids[at] = ids[at - 1];
                    at--;
                }
                scores[at] = score;
                ids[at] = i;
            }
        }
        return ids;
    }
}
