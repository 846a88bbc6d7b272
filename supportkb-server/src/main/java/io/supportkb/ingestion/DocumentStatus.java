package io.supportkb.ingestion;

/**
 * Lifecycle of one document version: {@code RECEIVED} (stored, wake-up not yet sent) → {@code QUEUED} →
 * {@code PROCESSING} → {@code INDEXED} | {@code FAILED}; {@code DELETED} once deleted, replaced by a newer
 * version that is indexed, or found to duplicate another document's text. A retry goes back to {@code QUEUED}.
 */
public enum DocumentStatus {
    RECEIVED, QUEUED, PROCESSING, INDEXED, FAILED, DELETED;

    /** Not yet indexed nor finished: work is pending. */
    public boolean isPending() {
        return this == RECEIVED || this == QUEUED || this == PROCESSING;
    }
}
