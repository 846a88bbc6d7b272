package io.supportkb.tracing;

import java.time.Instant;

import io.supportkb.search.CacheOutcome;

/**
 * Which traces of a collection to list; {@code null} fields do not restrict.
 *
 * @param from         at or after this instant
 * @param to           before this instant
 * @param cache        answered from the cache or not
 * @param minLatencyMs at least this slow
 */
public record TraceFilter(Instant from, Instant to, CacheOutcome cache, Double minLatencyMs) {
}
