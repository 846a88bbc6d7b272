package io.supportkb.ingestion;

/**
 * The job's lease now belongs to another claim, or the document was deleted or superseded meanwhile: the
 * caller's transaction must roll back and its work is discarded (someone else does, or nobody needs, it).
 */
public class LeaseLost extends RuntimeException {

    public LeaseLost(String message) {
        super(message, null, false, false);
    }
}
