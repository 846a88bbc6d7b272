package io.supportkb.tracing;

import java.time.Instant;
import java.util.List;

import io.supportkb.ml.answer.GroundedAnswer;

import io.supportkb.search.CacheOutcome;
import io.supportkb.search.StageTimings;

/**
 * One stored query.
 *
 * @param id          the trace id (also {@code X-Trace-Id} of the query's response)
 * @param at          when the query arrived
 * @param collection  the searched collection
 * @param caller      {@code user:<name>}, {@code ip:<address>} or {@code anonymous}
 * @param query       the query as sent
 * @param params      topK, mode, chunksPerDocument, filters
 * @param cache       whether it was answered from the result cache
 * @param modelId     the embedding model
 * @param generation  the collection's index generation
 * @param timings     milliseconds per stage
 * @param latencyMs   the whole query in milliseconds
 * @param noGoodMatch the no-good-match signal it returned
 * @param otelTraceId the OpenTelemetry trace id in the request's log lines, or {@code null}
 * @param hits        the returned documents, best first
 * @param answer      the grounded answer with its citations, check, prompt hash, token counts and step timings, or
 *                    {@code null} when none was asked for
 */
public record QueryTrace(String id, Instant at, String collection, String caller, String query, TraceParams params,
                         CacheOutcome cache, String modelId, long generation, StageTimings timings, double latencyMs,
                         boolean noGoodMatch, String otelTraceId, List<TracedHit> hits,
                         GroundedAnswer answer) {

    public QueryTrace {
        hits = List.copyOf(hits);
    }
}
