package io.supportkb.ingestion;

/**
 * A job this worker holds a lease on. {@code token} fences every later write: once another worker takes the
 * lease over, this claim's completion fails and its transaction rolls back.
 *
 * @param attempt 1 for the first attempt
 */
public record ClaimedJob(String documentId, String collectionId, int attempt, String token) {
}
