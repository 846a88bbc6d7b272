package io.supportkb.tracing;

import io.supportkb.search.QueryFilters;
import io.supportkb.search.QueryMode;
import io.supportkb.search.QueryRequest;

/** The parameters of a traced query besides its text; stored as JSON, re-run by a replay. */
public record TraceParams(int topK, QueryMode mode, int chunksPerDocument, QueryFilters filters, boolean answer) {

    public static TraceParams of(QueryRequest request) {
        return new TraceParams(request.topK(), request.mode(), request.chunksPerDocument(), request.filters(),
                request.answer());
    }

    /** The traced query for hits only: a replay compares hits, it does not regenerate answers. */
    public QueryRequest withQuery(String query) {
        return new QueryRequest(query, topK, mode, filters, chunksPerDocument);
    }
}
