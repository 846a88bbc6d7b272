package io.supportkb.search;

import io.supportkb.ml.index.ScoreBreakdown;

/**
 * Why a document or chunk ranked where it did. A retriever's fields are {@code null} when it did not return the
 * item among its candidates, or did not run in this mode.
 *
 * @param vectorCosine cosine similarity to the query embedding, in [-1, 1]
 * @param vectorRank   1-based rank in the kNN retriever (documents for a hit, chunks for a passage)
 * @param bm25Score    raw BM25 score, comparable only within one query
 * @param bm25Rank     1-based rank in the BM25 retriever
 * @param fusedScore   the score the ranking used: reciprocal rank fusion (hybrid), cosine (vector) or BM25 (keyword)
 */
public record Scores(Float vectorCosine, Integer vectorRank, Float bm25Score, Integer bm25Rank, double fusedScore) {

    static Scores of(ScoreBreakdown breakdown) {
        return new Scores(breakdown.vectorCosine(), breakdown.vectorRank(), breakdown.bm25Score(),
                breakdown.bm25Rank(), breakdown.fusedScore());
    }
}
