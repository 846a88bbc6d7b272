package io.supportkb.tracing;

import io.supportkb.search.QueryFilters;
import io.supportkb.search.QueryMode;
import io.supportkb.search.QueryRequest;

/** The parameters of a traced query besides its text; stored as JSON, re-run by a replay. */
public record TraceParams(int topK, QueryMode mode, int chunksPerDocument, QueryFilters filters) {

    public static TraceParams of(QueryRequest request) {
        return new TraceParams(request.topK(), request.mode(), request.chunksPerDocument(), request.filters());
    }

    public QueryRequest withQuery(String query) {
        return new QueryRequest(query, topK, mode, filters, chunksPerDocument);
    }
}
