package io.supportkb.ingestion;

/**
 * A collection and all its documents were deleted. Published synchronously inside the deleting transaction, so
 * a listener's writes (chunks, index change log) commit or roll back with it.
 */
public record CollectionDeleted(String collectionId) {
}
