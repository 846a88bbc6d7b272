package io.supportkb.indexing;

import java.time.Instant;

/**
 * One entry of the index change log, in generation order. {@code UPSERT}: (re)load the document's chunks;
 * {@code DELETE} with a document id: drop it; {@code DELETE} with a null document id: drop the collection.
 */
public record IndexChange(long generation, String collectionId, String documentId, Op op, Instant at) {

    public enum Op {
        UPSERT, DELETE
    }
}
