/**
 * Benchmarks of the whole server started in this process: {@link io.supportkb.bench.IngestBenchmark} (ingestion
 * from upload to searchable against the plain embedder) and {@link io.supportkb.bench.QueryBenchmark} (query
 * throughput and latency over HTTP at 1/4/16 clients, from a load generator in a second JVM, against direct embed
 * + search). Nothing here is a Spring bean; reports go to
 * {@code bench/results/}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Benchmarks")
package io.supportkb.bench;
