/**
 * Indexing: the worker that turns a claimed ingest job into stored chunks (with embeddings) and an entry in the
 * index change log that every API node's Lucene index follows.
 * <p>
 * The chunk → embed step is behind {@link io.supportkb.indexing.DocumentIndexer}; the worker writes the
 * outcome, the document's new status and the change log entry in one transaction.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Indexing")
package io.supportkb.indexing;
