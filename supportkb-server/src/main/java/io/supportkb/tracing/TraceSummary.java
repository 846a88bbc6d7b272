package io.supportkb.tracing;

import java.time.Instant;

import io.supportkb.search.CacheOutcome;

/** A trace in a listing: {@link QueryTrace} without parameters, timings and hits. */
public record TraceSummary(String id, Instant at, String collection, String caller, String query, CacheOutcome cache,
                           String modelId, long generation, double latencyMs, boolean noGoodMatch, int hitCount) {
}
