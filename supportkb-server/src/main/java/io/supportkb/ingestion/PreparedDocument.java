package io.supportkb.ingestion;

import java.util.List;

import io.supportkb.shared.DocumentKind;
import io.supportkb.shared.TextFormat;

/**
 * A claimed document's normalised text and attributes, ready to be chunked and embedded.
 *
 * @param text        normalised text; chunk offsets refer to it
 * @param contentHash SHA-256 of {@code text}
 * @param duplicateOf another live document of the collection with the same text, or null
 */
public record PreparedDocument(String documentId, String collectionId, String externalId, int version,
                               DocumentKind kind, TextFormat format, String title, String text, String contentHash,
                               List<String> tags, String language, String sourceUri, String duplicateOf) {
}
