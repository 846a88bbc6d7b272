package io.supportkb.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.supportkb.bench.QueryRun.Sample;
import io.supportkb.ml.bench.BenchReport;
import io.supportkb.ml.bench.MachineInfo;

/** Turns a query benchmark run into its {@link BenchReport}: settings, result tables, notes and raw latencies. */
final class QueryReport {

    /** The run's settings, as given. */
    record Inputs(ServerMode mode, String corpus, String source, int queries, int requests, int warmUp,
                  int rounds, int topK, int minChunks, int chunkTokens, int batchLines, List<String> properties) {
    }

    private static final double TARGET_RATIO = 1.2;

    private final Inputs in;
    private final QueryNodes.Facts facts;
    private final List<Measurement> measurements;
    private final List<Sample> samples;

    QueryReport(Inputs in, QueryNodes.Facts facts, List<Measurement> measurements, List<Sample> samples) {
        this.in = in;
        this.facts = facts;
        this.measurements = measurements;
        this.samples = samples;
    }

    BenchReport toBenchReport(String name, String startedAt, String command, MachineInfo machine) {
        List<BenchReport.Table> tables = List.of(
                new BenchReport.Table("Throughput and latency by concurrent clients (latencies pooled over "
                        + in.rounds() + " rounds)", List.of("path", "clients", "requests",
                        "q/s (median of rounds)", "q/s per round", "p50 ms", "p95 ms", "p99 ms", "errors"),
                        measurements.stream().map(this::levelRow).toList()),
                new BenchReport.Table("HTTP cache miss vs direct embed + search, 1 client", List.of("round",
                        "direct p50 ms", "HTTP miss p50 ms", "miss / direct"), ratioRows()),
                new BenchReport.Table("Where the time goes (p50 of each part, ms, pooled): the client's latency, "
                        + "the server's own total and its stages from each answer's timings", List.of("path", "clients",
                        "client latency", "server total", "embed", "retrieve", "assemble",
                        "client - server total"), measurements.stream().map(this::stageRow).toList()),
                new BenchReport.Table("Priming passes on the cache-on node (unmeasured warm-up of the hit path)",
                        List.of("round", "clients", "requests", "already cached", "p50 ms", "p99 ms"), primeRows()),
                new BenchReport.Table("Load average (1/5/15 min) per round", List.of("round",
                        "before the first measurement", "after the last", "1-min range"), loadRows()));
        return new BenchReport(name, "Query throughput and latency at " + chunksLabel() + " chunks ("
                + in.mode().label() + " mode): HTTP vs direct embed + search", startedAt, command, machine,
                MachineInfo.loadAverageNow(), settings(), tables, notes(), raw());
    }

    private String chunksLabel() {
        return String.format(Locale.ROOT, "%,d", facts.databaseChunks());
    }

    private Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("mode", in.mode().usesMariaDb() ? "production: MariaDB database (created and dropped), Redis stream "
                + "wake-ups and Redis cache, both nodes in the benchmark JVM"
                : "embedded: H2 file database (temporary data dir), in-process wake-ups, Caffeine cache; both nodes in "
                + "the benchmark JVM share the H2 database");
        s.put("corpus", in.source());
        s.put("documents uploaded", facts.uploaded() + " (" + facts.answered().accepted() + " accepted, "
                + facts.answered().duplicates() + " duplicates of an earlier document)");
        s.put("documents INDEXED", facts.indexedDocuments());
        s.put("chunks (server: sum of chunkCount of INDEXED documents)", facts.databaseChunks());
        s.put("chunks in the Lucene index of the cache-off / cache-on node", facts.uncachedChunks() + " / "
                + facts.cachedChunks());
        s.put("minimum chunks asked (--min-chunks)", in.minChunks());
        s.put("chunking", in.chunkTokens() > 0 ? "supportkb.indexing.chunking.max-tokens=" + in.chunkTokens()
                + ", overlap-tokens=0" : "server default (max-tokens 256, overlap-tokens 32)");
        s.put("model", facts.modelId());
        s.put("index config", facts.indexConfig());
        s.put("ingest (JSON Lines over HTTP, " + in.batchLines() + " lines per request)", String.format(Locale.ROOT,
                "%.0f s from the first upload to searchable = %.1f chunks/s", facts.searchableNanos() / 1e9,
                facts.chunksPerSecond()));
        s.put("cache-on node start (its Lucene index built from the stored embeddings)",
                String.format(Locale.ROOT, "%.0f s", facts.followerNanos() / 1e9));
        s.put("queries", in.queries() + " (" + in.corpus() + ")");
        s.put("request", "POST /api/v1/collections/" + QueryNodes.COLLECTION + "/query {query, topK: " + in.topK()
                + ", mode: hybrid, chunksPerDocument: 1}");
        s.put("requests per measurement", in.requests() + " (ticket t asks query t mod " + in.queries()
                + "), after max(" + in.warmUp() + ", 2 x clients) unmeasured requests");
        s.put("rounds", in.rounds() + ", each runs every setting; the order rotates by one setting per round");
        s.put("cache-off node (misses)", "api + worker, supportkb.search.cache.backend=none: no result and no "
                + "query-embedding cache, so every request embeds and searches (every answer checked for X-Cache: "
                + "miss); it ingested the corpus");
        s.put("cache-on node (hits)", "api only, the mode's cache (" + (in.mode().usesRedis() ? "Redis" : "Caffeine")
                + "), same database; before each hit measurement the generator sends every query once (priming), "
                + "then every measured answer is checked for X-Cache: hit");
        s.put("load generator", "QueryLoad in a second JVM (-Xmx256m) kept for the whole run: closed loop, one "
                + "thread and one kept-alive java.net.http HTTP/1.1 connection per client (new connections per "
                + "measurement); a request's latency runs from sending it to having the whole answer (status, "
                + "headers, body), and the generator's own checks of the answer (JSON parsing for the server's stage "
                + "timings, X-Cache) run after its clock stops");
        s.put("warm-up before round 1 (not recorded)", "the direct path once per request; every query once on the "
                + "cache-off node and every query once plus 2,000 hits on the cache-on node, at 2 clients");
        s.put("direct baseline", "one thread in the benchmark JVM: Embedder.embedQuery + LiveIndex.search (hybrid) "
                + "on the cache-off node's beans");
        s.put("extra properties", in.properties());
        return s;
    }

    private List<String> levelRow(Measurement m) {
        List<Sample> of = samplesOf(m);
        LatencySummary pooled = LatencySummary.of(pooled(of));
        double[] rates = of.stream().mapToDouble(Sample::throughput).toArray();
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        return List.of(m.path().label, String.valueOf(m.clients()), String.valueOf(pooled.count()),
                f1(sorted[sorted.length / 2]), Arrays.stream(rates).mapToObj(QueryReport::f1)
                        .collect(Collectors.joining(" / ")), f2(pooled.p50Ms()), f2(pooled.p95Ms()),
                f2(pooled.p99Ms()), String.valueOf(of.stream().mapToInt(s -> s.errors() + s.cacheMismatches()).sum()));
    }

    private List<String> stageRow(Measurement m) {
        List<Sample> of = samplesOf(m);
        List<Long> outside = new ArrayList<>();
        for (Sample s : of) {
            for (int i = 0; i < s.latencyNanos().length; i++) {
                if (s.stages().total()[i] != StageSamples.ABSENT) {
                    outside.add(s.latencyNanos()[i] - s.stages().total()[i]);
                }
            }
        }
        return List.of(m.path().label, String.valueOf(m.clients()), f2(LatencySummary.of(pooled(of)).p50Ms()),
                stageP50(of, StageSamples::total), stageP50(of, StageSamples::embed),
                stageP50(of, StageSamples::retrieve), stageP50(of, StageSamples::assemble),
                m.path() == Measurement.Path.DIRECT ? "–" : f2(LatencySummary.of(outside.stream()
                        .mapToLong(Long::longValue).toArray()).p50Ms()));
    }

    private static String stageP50(List<Sample> of, Function<StageSamples, long[]> stage) {
        long[] values = of.stream().flatMapToLong(s -> Arrays.stream(StageSamples.present(stage.apply(s.stages()))))
                .toArray();
        return values.length == 0 ? "–" : f2(LatencySummary.of(values).p50Ms());
    }

    private List<List<String>> ratioRows() {
        List<List<String>> rows = new ArrayList<>();
        for (int r = 1; r <= in.rounds(); r++) {
            double direct = p50(sample(Measurement.Path.DIRECT, 1, r));
            double miss = p50(sample(Measurement.Path.MISS, 1, r));
            rows.add(List.of(String.valueOf(r), f2(direct), f2(miss), f2(miss / direct) + "x"));
        }
        rows.add(List.of("pooled", f2(pooledP50(Measurement.Path.DIRECT)), f2(pooledP50(Measurement.Path.MISS)),
                "**" + f2(pooledRatio()) + "x**"));
        return rows;
    }

    private List<List<String>> primeRows() {
        return samples.stream().filter(s -> s.primeNanos().length > 0).map(s -> {
            LatencySummary prime = LatencySummary.of(s.primeNanos());
            return List.of(String.valueOf(s.round()), String.valueOf(s.measurement().clients()),
                    String.valueOf(prime.count()), String.valueOf(s.primeHits()), f2(prime.p50Ms()),
                    f2(prime.p99Ms()));
        }).toList();
    }

    private List<List<String>> loadRows() {
        List<List<String>> rows = new ArrayList<>();
        for (int r = 1; r <= in.rounds(); r++) {
            int round = r;
            List<Sample> of = samples.stream().filter(s -> s.round() == round).toList();
            double[] oneMinute = of.stream().flatMap(s -> List.of(s.loadBefore(), s.loadAfter()).stream())
                    .mapToDouble(QueryReport::oneMinute).filter(v -> !Double.isNaN(v)).sorted().toArray();
            rows.add(List.of(String.valueOf(r), of.getFirst().loadBefore(), of.getLast().loadAfter(),
                    oneMinute.length == 0 ? "unknown" : f2(oneMinute[0]) + " .. " + f2(oneMinute[oneMinute.length - 1])));
        }
        return rows;
    }

    private List<String> notes() {
        List<String> notes = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int r = 1; r <= in.rounds(); r++) {
            ratios.add(p50(sample(Measurement.Path.MISS, 1, r)) / p50(sample(Measurement.Path.DIRECT, 1, r)));
        }
        double low = ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double high = ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        String verdict = high <= TARGET_RATIO ? "met in every round" : low > TARGET_RATIO ? "NOT met in any round"
                : "inconclusive (met in some rounds, not in others)";
        notes.add(String.format(Locale.ROOT, "HTTP cache-miss p50 / direct p50 at 1 client = %.2fx pooled over %d "
                + "rounds (per round %.2fx .. %.2fx); target <= %.1fx: %s. The HTTP path does strictly more work "
                + "(normalising, hit assembly with highlights, a trace, JSON, HTTP), so a ratio below 1 is load "
                + "noise.", pooledRatio(), in.rounds(), low, high, TARGET_RATIO, verdict));
        int errors = samples.stream().mapToInt(Sample::errors).sum();
        int mismatches = samples.stream().mapToInt(Sample::cacheMismatches).sum();
        notes.add(String.format(Locale.ROOT, "Errors: %d non-200 answers, %d measured answers whose X-Cache was not "
                + "the expected hit/miss.", errors, mismatches));
        notes.add("The load generator, the server and (in production mode) MariaDB and Redis share the machine's "
                + "cores; beyond 2 clients on 2 cores the cache-miss throughput is bound by the CPU spent on query "
                + "embedding and search, and the extra clients mostly add queueing to the latency.");
        return notes;
    }

    private Map<String, Object> raw() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("facts", facts);
        raw.put("missOverDirectP50Pooled", pooledRatio());
        List<Map<String, Object>> all = new ArrayList<>();
        for (Sample s : samples) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", s.measurement().path().name());
            m.put("clients", s.measurement().clients());
            m.put("round", s.round());
            m.put("wallNanos", s.wallNanos());
            m.put("errors", s.errors());
            m.put("cacheMismatches", s.cacheMismatches());
            m.put("loadBefore", s.loadBefore());
            m.put("loadAfter", s.loadAfter());
            m.put("latencyNanos", s.latencyNanos());
            m.put("serverStageNanos", s.stages());
            m.put("primeNanos", s.primeNanos());
            m.put("primeHits", s.primeHits());
            all.add(m);
        }
        raw.put("samples", all);
        return raw;
    }

    private double pooledRatio() {
        return pooledP50(Measurement.Path.MISS) / pooledP50(Measurement.Path.DIRECT);
    }

    private double pooledP50(Measurement.Path path) {
        return LatencySummary.of(pooled(samplesOf(new Measurement(path, 1)))).p50Ms();
    }

    private List<Sample> samplesOf(Measurement m) {
        return samples.stream().filter(s -> s.measurement().equals(m)).toList();
    }

    private Sample sample(Measurement.Path path, int clients, int round) {
        return samples.stream().filter(s -> s.measurement().equals(new Measurement(path, clients))
                && s.round() == round).findFirst().orElseThrow();
    }

    private static long[] pooled(List<Sample> of) {
        return of.stream().flatMapToLong(s -> Arrays.stream(s.latencyNanos())).toArray();
    }

    private static double p50(Sample s) {
        return LatencySummary.of(s.latencyNanos()).p50Ms();
    }

    private static double oneMinute(String loadAverage) {
        try {
            return Double.parseDouble(loadAverage.split(" ")[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
