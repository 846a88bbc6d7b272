package io.supportkb.ingestion;

import java.util.List;

/** One page of a document listing, newest first. */
public record DocumentPage(List<DocumentView> items, int page, int size, long total) {
}
