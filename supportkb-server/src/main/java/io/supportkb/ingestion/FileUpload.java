package io.supportkb.ingestion;

import java.util.List;

/**
 * An uploaded file with the optional fields sent beside it. The declared content type is a claim to be checked
 * against the bytes, never trusted; the filename is a label to be sanitized, never used as a path.
 */
public record FileUpload(byte[] bytes, String filename, String declaredContentType, String externalId,
                         String title, String kind, List<String> tags, String sourceUri, String language) {
}
