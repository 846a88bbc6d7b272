package io.supportkb.ml.index;

import java.util.List;
import java.util.Objects;

/**
 * A returned document.
 *
 * @param rank 1-based position in the result
 * @param documentId the document's id
 * @param title the document's title, or {@code null} if it has none
 * @param kind the document's kind, or {@code null}
 * @param score the ranking score, equal to {@code scores.fusedScore()}
 * @param scores the document-level breakdown (see {@link ScoreBreakdown})
 * @param chunks the document's best chunks, at most {@code chunksPerDocument}, best first
 */
public record DocumentHit(int rank, String documentId, String title, String kind, double score,
        ScoreBreakdown scores, List<ChunkHit> chunks) {

    public DocumentHit {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(scores, "scores");
        chunks = List.copyOf(chunks);
    }
}
