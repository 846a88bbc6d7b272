package io.supportkb.ingestion;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.supportkb.ingestion.internal.CollectionRows;
import io.supportkb.ingestion.internal.DocumentRows;
import io.supportkb.ingestion.internal.JobRows;

/** Collections: the knowledge bases and tenant boundary every document belongs to. */
@Service
public class CollectionCatalog {

    /** Lower-case letters, digits, {@code -} and {@code _}; starts with a letter or digit; at most 64. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final CollectionRows collections;
    private final DocumentRows documents;
    private final JobRows jobs;
    private final ApplicationEventPublisher events;

    public CollectionCatalog(CollectionRows collections, DocumentRows documents, JobRows jobs,
                             ApplicationEventPublisher events) {
        this.collections = collections;
        this.documents = documents;
        this.jobs = jobs;
        this.events = events;
    }

    public CollectionView create(String id, String description) {
        if (id == null || !ID.matcher(id).matches()) {
            throw IngestionRejected.invalidField("id", "A collection id is 1 to 64 characters: lower-case letters, "
                    + "digits, '-' and '_', starting with a letter or digit.");
        }
        if (description != null && description.length() > 1000) {
            throw IngestionRejected.tooLarge("description", 1000, "chars", "A description is at most 1000 characters.");
        }
        try {
            collections.insert(id, description, Instant.now());
        } catch (DuplicateKeyException e) {
            throw new IngestionRejected(IngestionRejected.Reason.COLLECTION_EXISTS,
                    "A collection named '" + id + "' already exists.", Map.of("collection", id));
        }
        return get(id);
    }

    public List<CollectionView> list() {
        return collections.list().stream()
                .map(c -> new CollectionView(c.id(), c.description(), c.createdAt(), documents.countByStatus(c.id())))
                .toList();
    }

    public CollectionView get(String id) {
        var row = collections.find(id).orElseThrow(() -> IngestionRejected.unknownCollection(id));
        return new CollectionView(row.id(), row.description(), row.createdAt(), documents.countByStatus(id));
    }

    /**
     * Deletes the collection and everything in it, in one transaction. Listeners of {@link CollectionDeleted}
     * remove derived data (chunks, index change log) in the same transaction.
     */
    @Transactional
    public void delete(String id) {
        if (!collections.exists(id)) {
            throw IngestionRejected.unknownCollection(id);
        }
        Instant now = Instant.now();
        jobs.cancelCollection(id, now);
        documents.markCollectionDeleted(id, now);
        events.publishEvent(new CollectionDeleted(id));
        collections.deleteWithDocuments(id);
    }
}
