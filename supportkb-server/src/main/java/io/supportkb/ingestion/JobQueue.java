package io.supportkb.ingestion;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * Wakes workers up when a job may be claimed. Delivery is at-least-once and carries no authority: the
 * {@code ingest_job} row decides who works on what, so a duplicate or stale wake-up costs one failed claim, and
 * a lost one is repaired by the reconciler. Two implementations: in-process (embedded mode) and a Redis stream
 * with a consumer group (profile {@code redis}). Thread-safe.
 */
public interface JobQueue {

    /** Hands out wake-ups for these documents. Call after the transaction that queued them has committed. */
    void publish(Collection<String> documentIds);

    /** The next wake-up, waiting at most {@code timeout}; empty on timeout or when the broker is unreachable. */
    Optional<WakeUp> poll(Duration timeout) throws InterruptedException;

    /** Done with a wake-up; call after the database commit that recorded the outcome. */
    void acknowledge(WakeUp wakeUp);

    /** Wake-ups handed out and not yet acknowledged (0 when the broker lost them all, e.g. after a flush). */
    long backlog();

    /** One wake-up: the document whose job may be claimed, and the broker's delivery id. */
    record WakeUp(String documentId, String deliveryId) {
    }
}
