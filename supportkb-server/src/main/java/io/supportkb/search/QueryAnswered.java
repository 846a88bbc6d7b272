package io.supportkb.search;

import java.time.Instant;
import java.util.List;

import io.supportkb.ml.answer.GroundedAnswer;

/**
 * A query was answered (from the cache or not). Published synchronously on the request thread after the result is
 * complete; listeners must not block (the tracing module only enqueues it).
 *
 * @param traceId     the trace id returned to the client
 * @param at          when the query arrived
 * @param collection  the searched collection
 * @param caller      who asked: {@code user:<name>}, {@code ip:<address>} or {@code anonymous}
 * @param request     the validated query and parameters (what a replay re-runs)
 * @param cacheHit    whether the hits came from the result cache
 * @param modelId     the embedding model
 * @param generation  the collection's index generation
 * @param timings     milliseconds per stage
 * @param noGoodMatch the no-good-match signal
 * @param hits        the returned hits
 * @param otelTraceId the OpenTelemetry trace id of the request (as in the logs), or {@code null}
 * @param answer      the grounded answer, or {@code null} when none was asked for
 */
public record QueryAnswered(String traceId, Instant at, String collection, String caller, QueryRequest request,
                            boolean cacheHit, String modelId, long generation, StageTimings timings,
                            boolean noGoodMatch, List<QueryHit> hits, String otelTraceId,
                            GroundedAnswer answer) {

    public QueryAnswered {
        hits = List.copyOf(hits);
    }
}
