package io.supportkb.ml.index;

import java.util.Objects;

/**
 * A returned chunk of a {@link DocumentHit}.
 *
 * @param chunkId the chunk's id
 * @param ordinal 0-based position of the chunk within its document
 * @param text the chunk's text
 * @param charStart UTF-16 offset of the chunk in the document's text (inclusive)
 * @param charEnd UTF-16 offset just past the chunk (exclusive)
 * @param scores the chunk's own scores and ranks (see {@link ScoreBreakdown})
 */
public record ChunkHit(String chunkId, int ordinal, String text, int charStart, int charEnd, ScoreBreakdown scores) {

    public ChunkHit {
        Objects.requireNonNull(chunkId, "chunkId");
        Objects.requireNonNull(scores, "scores");
    }
}
