package io.supportkb.ingestion;

/** Filters of a document listing; null means "any". Deleted documents are listed only when asked by status. */
public record DocumentFilter(DocumentStatus status, String kind, String tag, String externalId) {
}
