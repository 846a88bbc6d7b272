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
 * @param vectorMs    of {@code retrieveMs}: the kNN search, including reading its candidates ({@code null} when it
 *                    did not run)
 * @param keywordMs   of {@code retrieveMs}: the BM25 search, including reading candidates kNN had not read
 * @param fetchMs     of {@code vectorMs + keywordMs}: reading candidates' stored fields
 * @param fuseMs      of {@code retrieveMs}: grouping chunks by document, fusion, ranking, matched terms
 */
public record StageTimings(double normaliseMs, double cacheMs, Double embedMs, Double retrieveMs, Double assembleMs,
                           double totalMs, Double answerMs, Double vectorMs, Double keywordMs, Double fetchMs,
                           Double fuseMs) {

    /** Timings of a query without an answer. */
    public StageTimings(double normaliseMs, double cacheMs, Double embedMs, Double retrieveMs, Double assembleMs,
                        double totalMs) {
        this(normaliseMs, cacheMs, embedMs, retrieveMs, assembleMs, totalMs, null, null, null, null, null);
    }
}
