package io.supportkb.search;

/**
 * Milliseconds spent in each stage of one query, taken from the stages' observations. A stage that did not run
 * (embedding and retrieval on a cache hit, embedding in keyword mode) is {@code null}.
 *
 * @param normaliseMs Unicode NFKC, whitespace and case normalisation
 * @param cacheMs     result-cache lookup (and, on a miss, the store)
 * @param embedMs     query embedding, including the embedding-cache lookup
 * @param retrieveMs  kNN and BM25 retrieval, fusion and grouping in the Lucene index
 * @param assembleMs  document labels, highlights and the no-good-match decision
 * @param totalMs     the whole query, from validation to the response record
 * @param answerMs    the grounded answer (sentence selection or generation, and the citation check); {@code null}
 *                    when no answer was asked for or it came from the cache
 */
public record StageTimings(double normaliseMs, double cacheMs, Double embedMs, Double retrieveMs, Double assembleMs,
                           double totalMs, Double answerMs) {

    /** Timings of a query without an answer. */
    public StageTimings(double normaliseMs, double cacheMs, Double embedMs, Double retrieveMs, Double assembleMs,
                        double totalMs) {
        this(normaliseMs, cacheMs, embedMs, retrieveMs, assembleMs, totalMs, null);
    }
}
