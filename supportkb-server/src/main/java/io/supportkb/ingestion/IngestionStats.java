package io.supportkb.ingestion;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Progress of a collection's ingestion. Rates are measured over the documents indexed in the last
 * {@code window}; {@code etaSeconds} is null when nothing is pending or nothing was indexed in the window.
 */
public record IngestionStats(String collectionId, Map<DocumentStatus, Long> documents, long pending,
                             Duration window, double documentsPerSecond, double chunksPerSecond, Long etaSeconds,
                             List<Failure> recentFailures) {

    /** A document that failed or is being retried, with its last error. */
    public record Failure(String documentId, String externalId, String title, DocumentStatus status, int attempts,
                          String error, Instant at) {
    }
}
