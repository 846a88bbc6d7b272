package io.supportkb.ingestion;

/**
 * A document's content cannot be turned into text: corrupt, encrypted, a zip/XML bomb, over a parsing limit, or
 * too slow to parse. Permanent: retrying would fail the same way, so the document goes straight to FAILED with
 * this message, which is written for the person who uploaded the file.
 */
public class DocumentUnreadable extends RuntimeException {

    public DocumentUnreadable(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
