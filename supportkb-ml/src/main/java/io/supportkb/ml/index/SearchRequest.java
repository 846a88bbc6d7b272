package io.supportkb.ml.index;

import java.util.Objects;

/**
 * One search against a single collection.
 *
 * @param collection the collection to search; nothing outside it is ever returned
 * @param queryText the user's query for BM25; required (non-blank to match anything) in KEYWORD and
 *     HYBRID mode. It is analysed like the indexed text, never parsed, so query syntax is harmless.
 * @param queryVector the query embedding for kNN; required in VECTOR and HYBRID mode
 * @param mode which retrievers to run
 * @param topK how many documents to return, {@code >= 1}
 * @param chunksPerDocument how many of each document's best chunks to return, {@code >= 1}
 * @param filters restrictions applied inside both retrievers; {@code null} = {@link SearchFilters#none()}
 * @param candidates how many chunks each retriever fetches before collapsing to documents (for kNN this
 *     is {@code k}, i.e. efSearch in the HNSW paper); {@code <= 0} picks
 *     {@code max(IndexConfig.defaultCandidates, topK * chunksPerDocument * 3)}
 * @param feedback pseudo-relevance feedback for the kNN retriever, {@code null} for none (the default)
 */
public record SearchRequest(String collection, String queryText, float[] queryVector, SearchMode mode,
        int topK, int chunksPerDocument, SearchFilters filters, int candidates, VectorFeedback feedback) {

    /** A search without pseudo-relevance feedback. */
    public SearchRequest(String collection, String queryText, float[] queryVector, SearchMode mode,
            int topK, int chunksPerDocument, SearchFilters filters, int candidates) {
        this(collection, queryText, queryVector, mode, topK, chunksPerDocument, filters, candidates, null);
    }

    public SearchRequest {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(mode, "mode");
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be >= 1, was " + topK);
        }
        if (chunksPerDocument < 1) {
            throw new IllegalArgumentException("chunksPerDocument must be >= 1, was " + chunksPerDocument);
        }
        if (mode != SearchMode.KEYWORD && queryVector == null) {
            throw new IllegalArgumentException(mode + " search needs a queryVector");
        }
        if (mode != SearchMode.VECTOR && queryText == null) {
            throw new IllegalArgumentException(mode + " search needs a queryText");
        }
        filters = filters == null ? SearchFilters.none() : filters;
    }

    /** The same search with pseudo-relevance feedback ({@code null}: none). */
    public SearchRequest withFeedback(VectorFeedback value) {
        return new SearchRequest(collection, queryText, queryVector, mode, topK, chunksPerDocument, filters, candidates,
                value);
    }
}
