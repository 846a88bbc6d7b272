package io.supportkb.ingestion;

/**
 * What became of one submitted document: {@code ACCEPTED} (stored and queued) or {@code DUPLICATE} (same content
 * already in the collection: {@code documentId} is the existing document and no work was queued).
 */
public record IntakeResult(Outcome outcome, String collectionId, String documentId, String externalId, int version,
                           DocumentStatus status) {

    public enum Outcome {
        ACCEPTED, DUPLICATE
    }
}
