package io.supportkb.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Finds which of a run's accepted documents did not end INDEXED, by listing the collection's FAILED and DELETED
 * documents newest first and stopping at the first page older than the run's oldest document, so the cost follows
 * the run, not the collection. Document ids are UUIDv7: their first 48 bits are the creation time in milliseconds.
 */
final class DocumentOutcomes {

    /** A document that did not end INDEXED: FAILED with its last error, or DELETED (duplicate text or replaced). */
    record Unindexed(String documentId, String status, String lastError, String duplicateOf, String replacedBy) {
    }

    private static final int PAGE_SIZE = 500;
    /** Slack for creation times that differ from the id's clock reading. */
    private static final long MARGIN_MILLIS = 60_000;

    private final KbClient client;

    DocumentOutcomes(KbClient client) {
        this.client = client;
    }

    Map<String, Unindexed> unindexed(String collection, Set<String> documentIds) {
        Map<String, Unindexed> found = new HashMap<>();
        if (documentIds.isEmpty()) {
            return found;
        }
        long oldest = documentIds.stream().mapToLong(DocumentOutcomes::millis).min().orElse(0) - MARGIN_MILLIS;
        for (String status : new String[] {"FAILED", "DELETED"}) {
            for (int page = 0; ; page++) {
                Json listing = client.get("/api/v1/collections/" + KbClient.encode(collection) + "/documents?status="
                        + status + "&size=" + PAGE_SIZE + "&page=" + page);
                boolean older = false;
                for (Json doc : listing.items("items")) {
                    String id = doc.text("id");
                    if (id != null && documentIds.contains(id)) {
                        found.put(id, new Unindexed(id, status, doc.text("lastError"), doc.text("duplicateOf"),
                                doc.text("replacedBy")));
                    }
                    older |= id != null && millis(id) < oldest;
                }
                if (older || listing.items("items").size() < PAGE_SIZE) {
                    break;
                }
            }
        }
        return found;
    }

    static long millis(String uuidV7) {
        try {
            return Long.parseLong(uuidV7.substring(0, 8) + uuidV7.substring(9, 13), 16);
        } catch (RuntimeException notAUuid) {
            return 0;
        }
    }
}
