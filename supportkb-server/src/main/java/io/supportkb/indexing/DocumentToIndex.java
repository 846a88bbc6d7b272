package io.supportkb.indexing;

import java.util.List;

import io.supportkb.shared.DocumentKind;
import io.supportkb.shared.TextFormat;

/**
 * A document to chunk and embed. {@code text} is normalised; chunk offsets must point into it.
 * Choosing the chunker's format: {@code TICKET} → ticket messages; kind {@code FAQ} → Q/A pairs;
 * otherwise {@code MARKDOWN} or {@code PLAIN} as given.
 *
 * @param contentHash SHA-256 of {@code text}
 */
public record DocumentToIndex(String documentId, String collectionId, String externalId, int version,
                              DocumentKind kind, TextFormat format, String title, String text, String contentHash,
                              List<String> tags, String language, String sourceUri) {
}
