package io.supportkb.bench;

import java.io.IOException;
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
                  int cacheMismatches, StageSamples stages, long[] primeNanos, int primeHits, String loadBefore,
                  String loadAfter) {

        double throughput() {
            return latencyNanos.length / (wallNanos / 1e9);
        }
    }

    /** Requests of the cache-on node's part of {@link #warmUp()}: cheap hits, mostly to compile the client. */
    private static final int HIT_WARM_UP = 2000;

    private final QueryNodes nodes;
    private final QueryLoad load;
    private final List<String> queries;
    private final int requests;
    private final int warmUp;
    private final int topK;

    QueryRun(QueryNodes nodes, QueryLoad load, List<String> queries, int requests, int warmUp, int topK) {
        this.nodes = nodes;
        this.load = load;
        this.queries = queries;
        this.requests = requests;
        this.warmUp = warmUp;
        this.topK = topK;
    }

    /**
     * Before round 1, unrecorded: the direct path once per request, every query once on the cache-off node, and on
     * the cache-on node every query once (filling its cache) then {@value #HIT_WARM_UP} hits, each at 2 clients, so
     * the server's query path and the generator's client code are compiled before anything is measured.
     */
    void warmUp() throws IOException {
        direct(0);
        load.run(settings(Measurement.Path.MISS, 2, queries.size(), false));
        load.run(settings(Measurement.Path.HIT, 2, HIT_WARM_UP, true));
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
    private Sample direct(int round) {
        String before = MachineInfo.loadAverageNow();
        LiveIndex index = nodes.uncached().bean(LiveIndex.class);
        Embedder embedder = nodes.uncached().bean(Embedder.class);
        long[] latencies = new long[requests];
        StageSamples stages = StageSamples.absent(requests);
        long start = System.nanoTime();
        for (int t = 0; t < requests; t++) {
            String q = queries.get(t % queries.size());
            long t0 = System.nanoTime();
            float[] vector = embedder.embedQuery(q);
            long t1 = System.nanoTime();
            SearchResult result = index.search(new SearchRequest(QueryNodes.COLLECTION, q, vector, SearchMode.HYBRID,
                    topK, 1, null, 0));
            latencies[t] = System.nanoTime() - t0;
            stages.total()[t] = latencies[t];
            stages.embed()[t] = t1 - t0;
            stages.retrieve()[t] = latencies[t] - (t1 - t0);
            if (result.hits().isEmpty()) {
                throw new IllegalStateException("no hits for " + q);
            }
        }
        return new Sample(new Measurement(Measurement.Path.DIRECT, 1), round, System.nanoTime() - start,
                latencies, 0, 0, stages, new long[0], 0, before, MachineInfo.loadAverageNow());
    }

    private QueryLoad.Settings settings(Measurement.Path path, int clients, int count, boolean prime) {
        boolean hit = path == Measurement.Path.HIT;
        InProcessServer node = hit ? nodes.cached() : nodes.uncached();
        return new QueryLoad.Settings("http://127.0.0.1:" + node.port() + "/api/v1/collections/"
                + QueryNodes.COLLECTION + "/query", queries, clients, count, warmUp, topK, hit ? "hit" : "miss", prime);
    }

    private Sample http(Measurement m, int round, String before) throws Exception {
        boolean hit = m.path() == Measurement.Path.HIT;
        QueryLoad.Result r = load.run(settings(m.path(), m.clients(), requests, hit));
        if (r.errors() > 0 || r.cacheMismatches() > 0) {
            QueryBenchmark.log("round %d: %s: %d errors, %d answers not X-Cache %s", round, m.label(), r.errors(),
                    r.cacheMismatches(), hit ? "hit" : "miss");
        }
        return new Sample(m, round, r.wallNanos(), r.latencyNanos(), r.errors(), r.cacheMismatches(), r.stages(),
                r.primeNanos(), r.primeHits(), before, MachineInfo.loadAverageNow());
    }
}
