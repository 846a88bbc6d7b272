package io.supportkb.search;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A query, explain or trace request the server refuses, carrying its RFC 9457 problem detail (stable {@code type},
 * and the field or limit involved). The HTTP edge renders it as is.
 */
public final class SearchRejected extends ErrorResponseException {

    /** Problem type URIs; same base as {@code io.supportkb.api.ProblemTypes}. */
    public static final String TYPE_BASE = "https://supportkb.io/problems/";

    private SearchRejected(HttpStatus status, String slug, String title, String detail, Map<String, ?> properties) {
        super(status, problem(status, slug, title, detail, properties), null);
    }

    public static SearchRejected invalidField(String field, String detail) {
        return new SearchRejected(HttpStatus.BAD_REQUEST, "invalid-field", "Invalid field", detail,
                Map.of("field", field));
    }

    /** The query is longer than {@code limit} {@code unit}s (chars, or tokens of the embedding model). */
    public static SearchRejected queryTooLong(long limit, String unit, long actual) {
        return new SearchRejected(HttpStatus.BAD_REQUEST, "query-too-long", "Query too long",
                "The query has " + actual + " " + unit + "; the limit is " + limit + " " + unit + ".",
                Map.of("field", "query", "limit", limit, "unit", unit));
    }

    public static SearchRejected unknownTrace(String traceId) {
        return new SearchRejected(HttpStatus.NOT_FOUND, "unknown-trace", "Unknown trace",
                "No query trace '" + traceId + "' (never stored, or purged after the retention period).",
                Map.of("traceId", String.valueOf(traceId)));
    }

    private static ProblemDetail problem(HttpStatus status, String slug, String title, String detail,
                                         Map<String, ?> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + slug));
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return problem;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
