package io.supportkb.ml.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs competing implementations of the same work in alternating rounds, so that the load of a shared
 * machine hits all of them alike: every contender warms up once, then round 0 runs them in the given
 * order, round 1 in reverse, round 2 in order again, and so on (an ABBA design that also cancels a
 * linear drift). Ratios are taken within a round and the median over rounds is reported, which is
 * robust against one round disturbed by other work.
 *
 * <p>Each trial times itself and returns the nanoseconds of its timed operations, so that preparation
 * a contender would not pay in production (e.g. the baseline's pre-tokenization) stays outside.
 */
public final class AlternatingRounds {

    /** One timed run of a contender. */
    @FunctionalInterface
    public interface Trial {
        /**
         * Runs round {@code round} (0-based; the warm-up is round -1). All contenders get the same work
         * in a round, which may differ between rounds (e.g. a different slice of the input).
         *
         * @return nanoseconds of each timed operation, in order; a one-element array if timed as a whole
         */
        long[] run(int round) throws Exception;
    }

    /**
     * @param warmUp run once before the first round and not recorded; {@code null} for none
     */
    public record Contender(String name, Trial warmUp, Trial trial) {}

    /** The timed operations of every round of one contender: {@code rounds.get(r)[i]} is operation i. */
    public record Timings(String name, List<long[]> rounds) {

        /** Sum of the operations' nanoseconds in each round. */
        public long[] roundTotals() {
            return rounds.stream().mapToLong(r -> java.util.Arrays.stream(r).sum()).toArray();
        }

        /** All operations of all rounds, for latency percentiles. */
        public long[] allOperations() {
            return rounds.stream().flatMapToLong(java.util.Arrays::stream).toArray();
        }
    }

    private AlternatingRounds() {}

    /** Runs warm-ups, then {@code rounds} alternating rounds; returns timings in contender order. */
    public static Map<String, Timings> run(List<Contender> contenders, int rounds, Consumer<String> log) throws Exception {
        Map<String, List<long[]>> recorded = new LinkedHashMap<>();
        for (Contender contender : contenders) {
            recorded.put(contender.name(), new ArrayList<>());
            if (contender.warmUp() != null) {
                log.accept("warm-up " + contender.name());
                contender.warmUp().run(-1);
            }
        }
        for (int round = 0; round < rounds; round++) {
            for (int index : order(contenders.size(), round)) {
                Contender contender = contenders.get(index);
                long[] nanos = contender.trial().run(round);
                recorded.get(contender.name()).add(nanos);
                log.accept(String.format("round %d/%d %-22s %10.3f s", round + 1, rounds, contender.name(),
                        java.util.Arrays.stream(nanos).sum() / 1e9));
            }
        }
        Map<String, Timings> timings = new LinkedHashMap<>();
        recorded.forEach((name, list) -> timings.put(name, new Timings(name, List.copyOf(list))));
        return timings;
    }

    /** Contender indices of a round: given order in even rounds, reversed in odd ones. */
    static int[] order(int contenders, int round) {
        int[] order = new int[contenders];
        for (int i = 0; i < contenders; i++) {
            order[i] = round % 2 == 0 ? i : contenders - 1 - i;
        }
        return order;
    }

    /**
     * Median over rounds of {@code baselineNanos[r] / contenderNanos[r]}: for the same work per round this
     * is the contender's throughput relative to the baseline (above 1 = faster).
     */
    public static double medianSpeedRatio(long[] baselineNanos, long[] contenderNanos) {
        if (baselineNanos.length != contenderNanos.length || baselineNanos.length == 0) {
            throw new IllegalArgumentException("need the same, non-zero number of rounds: "
                    + baselineNanos.length + " vs " + contenderNanos.length);
        }
        double[] ratios = new double[baselineNanos.length];
        for (int r = 0; r < ratios.length; r++) {
            ratios[r] = (double) baselineNanos[r] / contenderNanos[r];
        }
        return Percentiles.median(ratios);
    }
}
