package io.supportkb.ml.bench;

import java.util.List;

/**
 * How closely two lists of vectors for the same inputs agree.
 *
 * @param compared number of vector pairs
 * @param bitIdentical pairs equal in every bit
 * @param maxAbsDiff largest absolute difference of any component
 * @param minCosine smallest cosine similarity of a pair
 */
public record VectorAgreement(int compared, int bitIdentical, double maxAbsDiff, double minCosine) {

    public static VectorAgreement of(List<float[]> a, List<float[]> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("different counts: " + a.size() + " vs " + b.size());
        }
        int identical = 0;
        double maxDiff = 0;
        double minCosine = Double.POSITIVE_INFINITY;
        for (int i = 0; i < a.size(); i++) {
            float[] x = a.get(i);
            float[] y = b.get(i);
            if (x.length != y.length) {
                throw new IllegalArgumentException("vector " + i + " has " + x.length + " vs " + y.length + " dimensions");
            }
            boolean same = true;
            double dot = 0;
            double xx = 0;
            double yy = 0;
            for (int d = 0; d < x.length; d++) {
                same &= Float.floatToRawIntBits(x[d]) == Float.floatToRawIntBits(y[d]);
                maxDiff = Math.max(maxDiff, Math.abs((double) x[d] - y[d]));
                dot += (double) x[d] * y[d];
                xx += (double) x[d] * x[d];
                yy += (double) y[d] * y[d];
            }
            identical += same ? 1 : 0;
            minCosine = Math.min(minCosine, dot / Math.max(Math.sqrt(xx) * Math.sqrt(yy), 1e-30));
        }
        return new VectorAgreement(a.size(), identical, maxDiff, a.isEmpty() ? Double.NaN : minCosine);
    }

    /**
     * L2-normalises a raw [CLS] state with the same arithmetic as the Embedder (double sums, then one
     * division per component), so that equal model outputs give bit-identical vectors.
     */
    public static float[] normalized(float[] raw) {
        double squares = 0;
        for (float v : raw) {
            squares += (double) v * v;
        }
        double norm = Math.max(Math.sqrt(squares), 1e-12);
        float[] out = new float[raw.length];
        for (int d = 0; d < raw.length; d++) {
            out[d] = (float) (raw[d] / norm);
        }
        return out;
    }

    public String summary() {
        return String.format("%d/%d bit-identical, max |diff| %.3g, min cosine %.8f", bitIdentical, compared, maxAbsDiff, minCosine);
    }
}
