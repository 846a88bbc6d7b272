package io.supportkb.ml.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Input indices grouped by token length: the Embedder only batches sequences of exactly equal length,
 * so these groups bound what {@code maxBatchSize} can achieve on a given input.
 */
record EqualLengthGroups(Map<Integer, List<Integer>> byLength) {

    static EqualLengthGroups of(long[][] ids) {
        Map<Integer, List<Integer>> byLength = new TreeMap<>();
        for (int i = 0; i < ids.length; i++) {
            byLength.computeIfAbsent(ids[i].length, k -> new ArrayList<>()).add(i);
        }
        return new EqualLengthGroups(byLength);
    }

    /** ONNX calls needed with batches of at most {@code maxBatchSize} equal-length sequences. */
    int calls(int maxBatchSize) {
        return byLength.values().stream().mapToInt(g -> (g.size() + maxBatchSize - 1) / maxBatchSize).sum();
    }

    /** Inputs that share their length with at least one other input. */
    int sharingALength() {
        return byLength.values().stream().filter(g -> g.size() > 1).mapToInt(List::size).sum();
    }

    /**
     * Up to {@code groups} batches of 2..{@code maxBatchSize} equal-length inputs, shortest lengths first
     * (cheap to run), for checks that compare a sequence alone with the same sequence in a batch.
     */
    List<List<Integer>> sampleBatches(int groups, int maxBatchSize) {
        List<List<Integer>> batches = new ArrayList<>();
        for (List<Integer> group : byLength.values()) {
            if (group.size() > 1 && batches.size() < groups) {
                batches.add(List.copyOf(group.subList(0, Math.min(group.size(), maxBatchSize))));
            }
        }
        return batches;
    }
}
