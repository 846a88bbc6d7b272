package io.supportkb.ingestion;

import java.time.Instant;
import java.util.Map;

/** A collection with its document counts by status (every status present, zero when none). */
public record CollectionView(String id, String description, Instant createdAt,
                             Map<DocumentStatus, Long> documents) {
}
