package io.supportkb.ml.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Recall@k of an approximate nearest-neighbour search: the fraction of the true k nearest neighbours
 * that appear among the first k results returned. A result list shorter than k simply finds fewer.
 */
final class Recall {

    private Recall() {}

    static double atK(int[] exact, int[] approximate, int k) {
        if (k < 1 || exact.length < k) {
            throw new IllegalArgumentException("need at least k=" + k + " exact neighbours, have " + exact.length);
        }
        Set<Integer> truth = new HashSet<>();
        for (int i = 0; i < k; i++) {
            truth.add(exact[i]);
        }
        int found = 0;
        for (int i = 0; i < Math.min(k, approximate.length); i++) {
            found += truth.contains(approximate[i]) ? 1 : 0;
        }
        return (double) found / k;
    }

    /** Mean recall@k over queries; {@code exact.get(q)} and {@code approximate.get(q)} belong to query q. */
    static double meanAtK(List<int[]> exact, List<int[]> approximate, int k) {
        if (exact.size() != approximate.size() || exact.isEmpty()) {
            throw new IllegalArgumentException("need the same, non-zero number of queries: " + exact.size() + " vs " + approximate.size());
        }
        double sum = 0;
        for (int q = 0; q < exact.size(); q++) {
            sum += atK(exact.get(q), approximate.get(q), k);
        }
        return sum / exact.size();
    }
}
