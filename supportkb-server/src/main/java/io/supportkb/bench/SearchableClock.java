package io.supportkb.bench;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import io.supportkb.indexing.IndexChangeLog;
import io.supportkb.indexing.LiveIndex;
import tools.jackson.databind.JsonNode;

/**
 * When did everything uploaded become searchable? A document is searchable once it is {@code INDEXED} in the
 * database and this node's {@link LiveIndex} has applied its change. A daemon thread samples the index's applied
 * generation every {@value #SAMPLE_MILLIS} ms (a volatile read, no I/O) and remembers when each generation was
 * first seen; the coarse HTTP polling of {@code GET /ingestion} only decides when to look, so the recorded
 * instant is accurate to the sampling step, not to the polling interval. {@code /actuator/health} is not polled:
 * its model check embeds a probe text and would compete with the worker for the model.
 */
final class SearchableClock implements AutoCloseable {

    /** Terminal counts to wait for; a FAILED document ends the wait with its error. */
    record Expected(long indexed, long deleted) {
    }

    static final int SAMPLE_MILLIS = 2;
    private static final Duration POLL = Duration.ofMillis(250);

    private final LiveIndex index;
    private final IndexChangeLog changes;
    /** generation -> System.nanoTime() when the index was first seen at or past it */
    private final ConcurrentSkipListMap<Long, Long> firstSeen = new ConcurrentSkipListMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    SearchableClock(LiveIndex index, IndexChangeLog changes) {
        this.index = index;
        this.changes = changes;
        this.sampler = Thread.ofPlatform().daemon().name("bench-generation-sampler").start(this::sample);
    }

    private void sample() {
        long last = Long.MIN_VALUE;
        while (running) {
            long generation = index.appliedGeneration();
            if (generation != last) {
                firstSeen.putIfAbsent(generation, System.nanoTime());
                last = generation;
            }
            LockSupport.parkNanos(SAMPLE_MILLIS * 1_000_000L);
        }
    }

    /**
     * Waits until the collection's documents reach {@code expected} with nothing pending and the index has applied
     * the last change; returns the {@link System#nanoTime()} at which that happened.
     */
    long awaitSearchable(KbHttp http, String collection, Expected expected, Duration timeout) {
        return awaitSearchable(http, collection, expected, timeout, stats -> { });
    }

    /** As above, handing every poll's {@code GET /ingestion} answer to {@code progress} (for progress lines). */
    long awaitSearchable(KbHttp http, String collection, Expected expected, Duration timeout,
                         Consumer<JsonNode> progress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode stats = http.ingestion(collection);
        while (!reached(stats, expected)) {
            progress.accept(stats);
            if (stats.path("documents").path("FAILED").asLong() > 0) {
                throw new IllegalStateException("documents FAILED in " + collection + ": "
                        + stats.path("recentFailures"));
            }
            checkDeadline(deadline, collection, stats);
            LockSupport.parkNanos(POLL.toNanos());
            stats = http.ingestion(collection);
        }
        // every change of those documents is committed with their status, so this is the last one to wait for
        long last = changes.latestGeneration();
        while (true) {
            Map.Entry<Long, Long> seen = firstSeen.ceilingEntry(last);
            if (seen != null) {
                return seen.getValue();
            }
            checkDeadline(deadline, collection, stats);
            LockSupport.parkNanos(SAMPLE_MILLIS * 1_000_000L);
        }
    }

    private static boolean reached(JsonNode stats, Expected expected) {
        JsonNode counts = stats.path("documents");
        return stats.path("pending").asLong() == 0 && counts.path("INDEXED").asLong() == expected.indexed()
                && counts.path("DELETED").asLong() == expected.deleted();
    }

    private static void checkDeadline(long deadline, String collection, JsonNode stats) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("collection " + collection + " not searchable in time: " + stats);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join();
    }
}
