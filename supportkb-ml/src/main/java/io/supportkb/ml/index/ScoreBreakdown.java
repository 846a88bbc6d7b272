package io.supportkb.ml.index;

import java.util.List;

/**
 * Why a document or chunk was ranked where it was. A retriever's fields are {@code null} when that
 * retriever did not return the document (or chunk) among its candidates, or did not run.
 *
 * <p>On a {@link DocumentHit} the scores are those of the document's best chunk per retriever and the
 * ranks are 1-based document ranks within that retriever (after collapsing chunks to documents). On a
 * {@link ChunkHit} the scores are the chunk's own and the ranks are the chunk's 1-based position in
 * that retriever's candidate list.
 *
 * @param vectorCosine cosine similarity to the query vector, in [-1, 1]
 * @param vectorRank 1-based rank in the kNN retriever
 * @param bm25Score raw Lucene BM25 score (unbounded, comparable only within one query)
 * @param bm25Rank 1-based rank in the BM25 retriever
 * @param fusedScore the score the ranking used: in HYBRID mode the configured {@link Fusion}, either the
 *     reciprocal rank fusion {@code sum w/(rrfK + rank)} over the retrievers that returned it or the convex
 *     combination {@code (1 - λ)·norm(cosine) + λ·norm(bm25)} in [0, 1]; in VECTOR mode the cosine; in
 *     KEYWORD mode the BM25 score
 * @param matchedTerms analysed (lower-cased, stemmed) query terms that occur in the title, context or
 *     text, in query order; for a document, those occurring in any of its returned chunks
 */
public record ScoreBreakdown(Float vectorCosine, Integer vectorRank, Float bm25Score, Integer bm25Rank,
        double fusedScore, List<String> matchedTerms) {

    public ScoreBreakdown {
        matchedTerms = matchedTerms == null ? List.of() : List.copyOf(matchedTerms);
    }
}
