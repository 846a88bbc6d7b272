package io.supportkb.tracing;

import io.supportkb.search.Scores;

/**
 * A document a traced query returned.
 *
 * @param rank         1-based rank in the result
 * @param documentId   the document version
 * @param chunkOrdinal ordinal of its best returned chunk
 * @param scores       its document-level scores and ranks at the time
 */
public record TracedHit(int rank, String documentId, int chunkOrdinal, Scores scores) {
}
