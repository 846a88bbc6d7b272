package io.supportkb.search;

import java.util.Objects;

/**
 * A validated query: what the cache key, the trace and a replay are made of. Build it from client input with
 * {@link QueryService#validate}; the constructor only guards invariants.
 *
 * @param query             the query as the client sent it (normalised before use)
 * @param topK              documents to return, {@code >= 1}
 * @param mode              which retrievers run
 * @param filters           restrictions applied inside the search
 * @param chunksPerDocument best chunks returned per document, {@code >= 1}
 * @param answer            whether a grounded answer is wanted beside the hits
 */
public record QueryRequest(String query, int topK, QueryMode mode, QueryFilters filters, int chunksPerDocument,
                           boolean answer) {

    public QueryRequest {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(mode, "mode");
        filters = filters == null ? QueryFilters.none() : filters;
        if (topK < 1 || chunksPerDocument < 1) {
            throw new IllegalArgumentException("topK and chunksPerDocument must be >= 1");
        }
    }

    /** A query for hits only. */
    public QueryRequest(String query, int topK, QueryMode mode, QueryFilters filters, int chunksPerDocument) {
        this(query, topK, mode, filters, chunksPerDocument, false);
    }

    /** The same query for hits only (replays, explain). */
    public QueryRequest withoutAnswer() {
        return answer ? new QueryRequest(query, topK, mode, filters, chunksPerDocument, false) : this;
    }
}
