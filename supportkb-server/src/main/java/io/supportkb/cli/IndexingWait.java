package io.supportkb.cli;

import java.io.PrintStream;
import java.time.Duration;

import io.supportkb.ml.eval.EvalProgress;

/**
 * Waits until a collection has nothing left to index ({@code pending} of {@code GET /collections/{c}/ingestion}
 * is 0: every document INDEXED, FAILED or DELETED), with an {@code indexing} progress bar, and then until the
 * server's search index has applied every change (the {@code index} health component's {@code lag} is 0), so
 * that a query right after finds everything.
 */
final class IndexingWait {

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration STALL_WARNING = Duration.ofSeconds(60);
    private static final Duration SEARCHABLE_TIMEOUT = Duration.ofSeconds(60);

    private final KbClient client;
    private final PrintStream err;

    IndexingWait(KbClient client, PrintStream err) {
        this.client = client;
        this.err = err;
    }

    /**
     * @param expected documents this run queued; progress shows how many of them are done (pending documents
     *                 queued by others count against it, so the bar is an estimate on a busy collection)
     */
    void awaitIndexed(String collection, long expected) {
        EvalProgress progress = EvalProgress.onStandardError("indexing", expected, "docs");
        long lastPending = -1;
        long lastChange = System.nanoTime();
        boolean warned = false;
        while (true) {
            long pending = client.ingestion(collection).count("pending");
            progress.update(expected - Math.min(expected, pending));
            if (pending == 0) {
                break;
            }
            if (pending != lastPending) {
                lastPending = pending;
                lastChange = System.nanoTime();
            } else if (!warned && System.nanoTime() - lastChange > STALL_WARNING.toNanos()) {
                err.println();
                err.println("no progress for " + STALL_WARNING.toSeconds() + " s with " + pending + " documents pending: "
                        + "is a worker running (./kb worker, or roles api,worker)? Still waiting; Ctrl-C to stop.");
                warned = true;
            }
            pause();
        }
        progress.finish();
    }

    /** Waits (up to a minute) until the server's search index has applied every indexed change. */
    void awaitSearchable() {
        long deadline = System.nanoTime() + SEARCHABLE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Json index = client.health().at("components.index");
            if (!index.isPresent() || index.number("details.lag").orElse(0) <= 0) {
                return;
            }
            pause();
        }
        err.println("the server's search index is still behind the database after " + SEARCHABLE_TIMEOUT.toSeconds()
                + " s; recent documents may not be found yet");
    }

    private static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for indexing", e);
        }
    }
}
