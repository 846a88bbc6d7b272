package io.supportkb.search;

import java.util.Objects;

/**
 * "Why did (or didn't) this document come back for this query?"
 *
 * @param query      the query, as for {@link QueryService#query}
 * @param documentId the document version in question
 * @param mode       the mode the query ran in
 * @param filters    the filters the query ran with
 * @param topK       the topK the query ran with
 */
public record ExplainRequest(String query, String documentId, QueryMode mode, QueryFilters filters, int topK) {

    public ExplainRequest {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(mode, "mode");
        filters = filters == null ? QueryFilters.none() : filters;
    }
}
