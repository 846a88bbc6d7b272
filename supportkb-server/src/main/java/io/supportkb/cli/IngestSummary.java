package io.supportkb.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of an upload: how many documents ended indexed, were duplicates or failed, and why each failure
 * happened (rejected at upload with the server's problem detail, or FAILED while indexing with its last error).
 *
 * @param submitted what the server answered per file or line
 * @param unindexed accepted documents that did not end INDEXED, by document id
 * @param waited    whether the run waited for indexing (otherwise accepted documents are only queued)
 */
record IngestSummary(List<Submitted> submitted, Map<String, DocumentOutcomes.Unindexed> unindexed, boolean waited) {

    /** One failed file or line and why. */
    record Failure(String source, String reason) {
    }

    long accepted() {
        return count(Submitted.Outcome.ACCEPTED);
    }

    long indexed() {
        return waited ? accepted() - unindexed.size() : 0;
    }

    long queued() {
        return waited ? 0 : accepted();
    }

    /** Same content already in the collection: at upload, or found after parsing (then DELETED with duplicateOf). */
    long duplicates() {
        return count(Submitted.Outcome.DUPLICATE)
                + unindexed.values().stream().filter(u -> u.status().equals("DELETED") && u.duplicateOf() != null).count();
    }

    /** Accepted, then superseded by a later version of the same external id before it was indexed. */
    long replaced() {
        return unindexed.values().stream().filter(u -> u.status().equals("DELETED") && u.duplicateOf() == null).count();
    }

    List<Failure> failures() {
        List<Failure> failures = new ArrayList<>();
        for (Submitted s : submitted) {
            if (s.outcome() == Submitted.Outcome.REJECTED) {
                failures.add(new Failure(s.source(), s.error()));
            } else if (s.documentId() != null && unindexed.get(s.documentId()) instanceof DocumentOutcomes.Unindexed u
                    && u.status().equals("FAILED")) {
                failures.add(new Failure(s.source(), u.lastError() == null ? "indexing failed" : u.lastError()));
            }
        }
        return failures;
    }

    void print(PrintStream out) {
        List<Failure> failures = failures();
        if (waited) {
            out.printf(Locale.ROOT, "  indexed     %d%n", indexed());
        } else {
            out.printf(Locale.ROOT, "  queued      %d  (not waiting for indexing)%n", queued());
        }
        out.printf(Locale.ROOT, "  duplicates  %d%n", duplicates());
        if (replaced() > 0) {
            out.printf(Locale.ROOT, "  replaced    %d  (a later version of the same externalId came in the same run)%n",
                    replaced());
        }
        out.printf(Locale.ROOT, "  failed      %d%n", failures.size());
        for (Failure failure : failures) {
            out.printf(Locale.ROOT, "    %s: %s%n", failure.source(), failure.reason());
        }
    }

    private long count(Submitted.Outcome outcome) {
        return submitted.stream().filter(s -> s.outcome() == outcome).count();
    }
}
