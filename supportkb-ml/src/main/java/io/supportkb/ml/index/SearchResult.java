package io.supportkb.ml.index;

import java.util.List;

/**
 * The result of one search.
 *
 * @param hits up to {@code topK} documents, best first
 * @param generation the index generation last committed when the search ran
 *     ({@link KnowledgeIndex#committedGeneration()}); the hits also reflect changes made since then
 * @param timings where the search spent its time
 */
public record SearchResult(List<DocumentHit> hits, long generation, Timings timings) {

    public SearchResult {
        hits = List.copyOf(hits);
    }

    /** Two results are equal when their hits and generation are: timings are measurements, not results. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SearchResult r && hits.equals(r.hits) && generation == r.generation;
    }

    @Override
    public int hashCode() {
        return 31 * hits.hashCode() + Long.hashCode(generation);
    }

    /**
     * Nanoseconds per step of one search (wall time on the calling thread).
     *
     * @param vectorNanos kNN search, including reading its candidates' document ids ({@code 0} in keyword mode)
     * @param keywordNanos BM25 search, including reading the document ids of candidates not already read
     *     ({@code 0} in vector mode)
     * @param fetchNanos reading candidates' document ids (part of the two above) and, only for the chunks that are
     *     returned or whose content breaks a tie, their stored fields (part of {@code fuseNanos})
     * @param fuseNanos collapsing chunks to documents, fusion, ranking and matched terms of returned chunks
     */
    public record Timings(long vectorNanos, long keywordNanos, long fetchNanos, long fuseNanos) {
    }
}
