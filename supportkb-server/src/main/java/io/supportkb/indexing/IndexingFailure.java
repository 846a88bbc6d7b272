package io.supportkb.indexing;

/**
 * {@link DocumentIndexer} could not index a document. {@code permanent} failures (the input itself is unusable)
 * fail the document at once; others are retried with backoff up to the attempt limit.
 */
public class IndexingFailure extends RuntimeException {

    private final boolean permanent;

    public IndexingFailure(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
