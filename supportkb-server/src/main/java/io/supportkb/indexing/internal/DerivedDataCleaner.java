package io.supportkb.indexing.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.supportkb.indexing.IndexChange;
import io.supportkb.indexing.IndexChangeLog;
import io.supportkb.ingestion.CollectionDeleted;
import io.supportkb.ingestion.DocumentDeleted;

/**
 * Removes chunks of documents that left the searchable set and logs the deletion for the index followers.
 * Synchronous listeners: they run inside the deleting transaction and commit or roll back with it.
 */
@Component
public class DerivedDataCleaner {

    private final ChunkRows chunks;
    private final IndexChangeLog changes;

    public DerivedDataCleaner(ChunkRows chunks, IndexChangeLog changes) {
        this.chunks = chunks;
        this.changes = changes;
    }

    @EventListener
    public void on(DocumentDeleted event) {
        chunks.deleteByDocument(event.documentId());
        changes.append(event.collectionId(), event.documentId(), IndexChange.Op.DELETE);
    }

    @EventListener
    public void on(CollectionDeleted event) {
        chunks.deleteByCollection(event.collectionId());
        changes.append(event.collectionId(), null, IndexChange.Op.DELETE);
    }
}
