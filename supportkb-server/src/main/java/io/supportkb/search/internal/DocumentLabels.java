package io.supportkb.search.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

import io.supportkb.ingestion.DocumentCatalog;
import io.supportkb.ingestion.IngestionRejected;
import io.supportkb.shared.ConditionalOnRole;
import io.supportkb.shared.Role;

/**
 * The external id of a document version, which the index does not store. A version's external id never changes,
 * so it is cached for good (bounded by size); the first lookup of a document costs one catalog read.
 * Thread-safe.
 */
@Component
@ConditionalOnRole(Role.API)
public class DocumentLabels {

    private record Label(String externalId) {
    }

    private final DocumentCatalog documents;
    private final Cache<String, Label> labels = Caffeine.newBuilder().maximumSize(200_000).build();

    public DocumentLabels(DocumentCatalog documents) {
        this.documents = documents;
    }

    /** The document's external id, or {@code null} when it has none (or vanished with its collection). */
    public String externalId(String collection, String documentId) {
        Label label = labels.getIfPresent(documentId);
        if (label == null) {
            try {
                label = new Label(documents.get(collection, documentId).externalId());
            } catch (IngestionRejected e) {
                return null;
            }
            labels.put(documentId, label);
        }
        return label.externalId();
    }
}
