/**
 * Tracing: a stored, replayable record of every query — who asked what, with which parameters, against which
 * index generation and model, how long each stage took, and every returned hit with its scores and ranks.
 * <p>
 * Traces arrive as {@link io.supportkb.search.QueryAnswered} events and are written asynchronously in JDBC batches
 * (tables {@code query_trace}, {@code query_trace_hit}), drained on graceful shutdown, purged after the retention
 * period. {@link io.supportkb.tracing.QueryTraces} reads, lists and replays them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tracing")
package io.supportkb.tracing;
