package io.supportkb.indexing;

/**
 * Turns one document into chunks with embeddings: chunk → embed (reusing stored embeddings where the chunk
 * hash and model match is allowed). Must not write to the database: the worker stores the outcome, the
 * document's status and the index change in one transaction. Called from several worker threads at once, so
 * implementations are thread-safe. Any exception fails the attempt ({@link IndexingFailure} says whether to
 * retry).
 * <p>
 * The implementation is {@code internal.ModelDocumentIndexer}: supportkb-ml chunker and embedder,
 * reusing stored embeddings of unchanged chunks.
 */
public interface DocumentIndexer {

    IndexingOutcome index(DocumentToIndex document);
}
