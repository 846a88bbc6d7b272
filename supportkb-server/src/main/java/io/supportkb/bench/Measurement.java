package io.supportkb.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One measurement of a round: the direct baseline (one thread in the benchmark's JVM), or HTTP load from the load
 * generator process at {@code clients} concurrent clients against the cache-off node (every query a miss) or the
 * cache-on node (every query a hit).
 */
record Measurement(Path path, int clients) {

    enum Path {
        DIRECT("direct embedQuery + LiveIndex.search"),
        MISS("HTTP, cache off (miss)"),
        HIT("HTTP, cache on (hit)");

        final String label;

        Path(String label) {
            this.label = label;
        }
    }

    /** The direct baseline, then every miss level, then every hit level: the order of round 1. */
    static List<Measurement> all(List<Integer> missClients, List<Integer> hitClients) {
        List<Measurement> all = new ArrayList<>();
        all.add(new Measurement(Path.DIRECT, 1));
        missClients.forEach(c -> all.add(new Measurement(Path.MISS, c)));
        hitClients.forEach(c -> all.add(new Measurement(Path.HIT, c)));
        return List.copyOf(all);
    }

    /**
     * The order of round {@code round} (1-based): round 1's order rotated left by {@code round - 1}, so that on a
     * shared machine whose load drifts during the run no setting always runs first, or always right after the
     * expensive 16-client level.
     */
    static List<Measurement> roundOrder(List<Measurement> all, int round) {
        List<Measurement> order = new ArrayList<>(all);
        Collections.rotate(order, -((round - 1) % Math.max(1, all.size())));
        return order;
    }

    String label() {
        return path == Path.DIRECT ? path.label : path.label + " x" + clients;
    }
}
