package io.supportkb.bench;

import java.util.List;

import io.supportkb.indexing.LiveIndex;
import io.supportkb.ml.bench.MachineInfo;
import io.supportkb.ml.embed.Embedder;
import io.supportkb.ml.index.SearchMode;
import io.supportkb.ml.index.SearchRequest;
import io.supportkb.ml.index.SearchResult;

/** The measurements themselves, on the nodes of one run. */
final class QueryRun {

    /** One measurement's latencies (ns), with the load average before and after it. */
    record Sample(Measurement measurement, int round, long wallNanos, long[] latencyNanos, int errors,
                  int cacheMismatches, long[] primeNanos, int primeHits, String loadBefore, String loadAfter) {

        double throughput() {
            return latencyNanos.length / (wallNanos / 1e9);
        }
    }

    private final QueryNodes nodes;
    private final List<String> queries;
    private final int requests;
    private final int warmUp;
    private final int topK;

    QueryRun(QueryNodes nodes, List<String> queries, int requests, int warmUp, int topK) {
        this.nodes = nodes;
        this.queries = queries;
        this.requests = requests;
        this.warmUp = warmUp;
        this.topK = topK;
    }

    Sample measure(Measurement m, int round) throws Exception {
        String before = MachineInfo.loadAverageNow();
        Sample sample = switch (m.path()) {
            case DIRECT -> direct(round);
            case MISS, HIT -> http(m, round, before);
        };
        QueryBenchmark.log("round %d: %-45s %6.1f q/s, p50 %7.2f ms, p99 %7.2f ms, load %s", round, m.label(),
                sample.throughput(), LatencySummary.of(sample.latencyNanos()).p50Ms(),
                LatencySummary.of(sample.latencyNanos()).p99Ms(), sample.loadAfter());
        return sample;
    }

    /** The baseline: embed the query and run the hybrid Lucene search, nothing else, in this JVM. */
    Sample direct(int round) {
        String before = MachineInfo.loadAverageNow();
        LiveIndex index = nodes.uncached().bean(LiveIndex.class);
        Embedder embedder = nodes.uncached().bean(Embedder.class);
        long[] latencies = new long[requests];
        long start = System.nanoTime();
        for (int t = 0; t < requests; t++) {
            String q = queries.get(t % queries.size());
            long t0 = System.nanoTime();
            SearchResult result = index.search(new SearchRequest(QueryNodes.COLLECTION, q, embedder.embedQuery(q),
                    SearchMode.HYBRID, topK, 1, null, 0));
            latencies[t] = System.nanoTime() - t0;
            if (result.hits().isEmpty()) {
                throw new IllegalStateException("no hits for " + q);
            }
        }
        return new Sample(new Measurement(Measurement.Path.DIRECT, 1), round, System.nanoTime() - start,
                latencies, 0, 0, new long[0], 0, before, MachineInfo.loadAverageNow());
    }

    private Sample http(Measurement m, int round, String before) throws Exception {
        boolean hit = m.path() == Measurement.Path.HIT;
        InProcessServer node = hit ? nodes.cached() : nodes.uncached();
        QueryLoad.Result r = QueryLoad.run(new QueryLoad.Settings("http://127.0.0.1:" + node.port()
                + "/api/v1/collections/" + QueryNodes.COLLECTION + "/query", queries, m.clients(), requests,
                warmUp, topK, hit ? "hit" : "miss", hit));
        if (r.errors() > 0 || r.cacheMismatches() > 0) {
            QueryBenchmark.log("round %d: %s: %d errors, %d answers not X-Cache %s", round, m.label(), r.errors(),
                    r.cacheMismatches(), hit ? "hit" : "miss");
        }
        return new Sample(m, round, r.wallNanos(), r.latencyNanos(), r.errors(), r.cacheMismatches(),
                r.primeNanos(), r.primeHits(), before, MachineInfo.loadAverageNow());
    }
}
