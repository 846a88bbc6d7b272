package io.supportkb.ingestion;

/**
 * A document version left the searchable set: deleted by a client, or replaced by a newer version that was just
 * indexed ({@code replacedBy} set). Published synchronously inside the transaction that changed the status, so a
 * listener's writes commit or roll back with it.
 */
public record DocumentDeleted(String collectionId, String documentId, String replacedBy) {
}
