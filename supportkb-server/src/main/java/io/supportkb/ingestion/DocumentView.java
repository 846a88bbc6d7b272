package io.supportkb.ingestion;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A document version as the API shows it (without its text). */
public record DocumentView(String id, String collectionId, String externalId, int version, String kind,
                           String format, String title, String sourceUri, List<String> tags,
                           Map<String, Object> metadata, String language, String contentHash, String contentType,
                           String originalFilename, long sizeBytes, DocumentStatus status, int attempts,
                           String lastError, Integer chunkCount, String modelId, String replacedBy,
                           String duplicateOf, Instant createdAt, Instant updatedAt, Instant indexedAt) {
}
