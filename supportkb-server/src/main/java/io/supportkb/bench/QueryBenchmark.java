package io.supportkb.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.supportkb.indexing.LiveIndex;
import io.supportkb.ml.bench.BenchReport;
import io.supportkb.ml.bench.MachineInfo;
import io.supportkb.ml.embed.Embedder;
import io.supportkb.ml.index.SearchMode;
import io.supportkb.ml.index.SearchRequest;
import io.supportkb.ml.index.SearchResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kb bench query}: latency of the whole HTTP query on a cache miss against query embedding + Lucene search
 * called directly in the same JVM (target: p50 at most 1.2x), the cache-hit path's latency and throughput, and
 * throughput and p50/p99 at 1, 4 and 16 concurrent clients with the result cache off.
 *
 * <p>Two servers run in this process on random ports, each with its own temporary data dir and the same corpus:
 * one with {@code supportkb.search.cache.backend=none} (every query is a miss: no result and no embedding cache,
 * so the query text stays exactly as given), one with the default Caffeine cache (hits). The direct baseline
 * uses the {@link Embedder} and {@link LiveIndex} beans of the cache-off server. HTTP load comes from a second
 * process ({@link LoadGenerator}, {@code java.net.http}), spawned once per measurement with the same classpath.
 * Rounds alternate baseline, miss, hit and the concurrency sweep, so the shared machine's changing load hits
 * every setting; percentiles pool all rounds.
 */
@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"HTTP query latency (cache miss and hit) of an in-process server against embed + search "
                + "called directly, and throughput at 1/4/16 clients. Reports go to bench/results/<time>-query-<mode>/."})
public final class QueryBenchmark implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLLECTION = "bench-query";

    @Spec
    CommandSpec spec;

    @Option(names = "--corpus", defaultValue = "demo",
            description = "demo (demo/articles/*.md + demo/tickets.jsonl, queries.jsonl) or scifact.")
    String corpus;

    @Option(names = "--docs", defaultValue = "5183", description = "SciFact documents (default ${DEFAULT-VALUE}).")
    int docs;

    @Option(names = "--queries", defaultValue = "30", description = "Queries used (default ${DEFAULT-VALUE}).")
    int queryCount;

    @Option(names = "--dataset", description = "BEIR dataset folder (default ../shared/eval/scifact).")
    Path dataset;

    @Option(names = "--demo-dir", description = "Demo knowledge base folder (default demo/ of the project).")
    Path demoDir;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds of all settings (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--top-k", defaultValue = "5", description = "topK (default ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--clients", split = ",", defaultValue = "1,4,16",
            description = "Concurrent clients for the cache-off sweep (default ${DEFAULT-VALUE}).")
    List<Integer> clients;

    @Option(names = "--hit-clients", defaultValue = "4",
            description = "Concurrent clients for the hit-path throughput (default ${DEFAULT-VALUE}).")
    int hitClients;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "Extra server property, repeatable.")
    List<String> properties = new ArrayList<>();

    @Option(names = "--timeout-minutes", defaultValue = "30", description = "Longest wait for indexing.")
    int timeoutMinutes;

    @Option(names = "--out", description = "Results folder (default bench/results of the project).")
    Path out;

    public QueryBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new QueryBenchmark()).execute(args));
    }

    /** One document to ingest: a JSON body, or a JSON Lines line (tickets, SciFact). */
    private record Corpus(List<String> jsonDocuments, List<String> ndjsonLines, List<String> queries, String source) {
        int size() {
            return jsonDocuments.size() + ndjsonLines.size();
        }
    }

    /** Latencies (ns) of one measurement and its wall time. */
    record Sample(String setting, int round, int clients, long wallNanos, long[] latencies, int errors,
                  int cacheMismatches) {
        double throughput() {
            return latencies.length / (wallNanos / 1e9);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!corpus.equals("demo") && !corpus.equals("scifact")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--corpus is demo or scifact");
        }
        Path root = IngestBenchmark.projectRoot();
        Corpus work = corpus.equals("demo") ? demoCorpus(demoDir != null ? demoDir : root.resolve("demo"))
                : sciFactCorpus(dataset != null ? dataset : root.resolve("../shared/eval/scifact").normalize());
        String startedAt = BenchReport.now();
        MachineInfo machine = MachineInfo.current();
        String run = startedAt.replaceAll("[^0-9]", "");
        log("%d documents, %d queries (%s); %d rounds", work.size(), work.queries().size(), work.source(), rounds);
        Path queryFile = Files.createTempFile("supportkb-bench-queries-", ".txt");
        Files.write(queryFile, work.queries(), StandardCharsets.UTF_8);
        List<String> missProps = new ArrayList<>(properties);
        missProps.add("supportkb.search.cache.backend=none");
        List<String> hitProps = new ArrayList<>(properties);
        hitProps.add("supportkb.search.cache.backend=caffeine");
        List<Sample> samples = new ArrayList<>();
        Map<String, Object> indexInfo = new LinkedHashMap<>();
        try (InProcessServer off = InProcessServer.start(ServerMode.of(""), run + "_off",
                new InProcessServer.Services(""), missProps, false);
             InProcessServer on = InProcessServer.start(ServerMode.of(""), run + "_on",
                     new InProcessServer.Services(""), hitProps, false)) {
            for (InProcessServer server : List.of(off, on)) {
                ingest(server, work);
            }
            LiveIndex index = off.bean(LiveIndex.class);
            Embedder embedder = off.bean(Embedder.class);
            indexInfo.put("chunks", index.chunkCount(COLLECTION));
            indexInfo.put("chunksCacheOnServer", on.bean(LiveIndex.class).chunkCount(COLLECTION));
            indexInfo.put("modelId", embedder.model().id());
            indexInfo.put("indexConfig", index.config().toString());
            log("indexed: %s", indexInfo);
            direct(index, embedder, work.queries(), 0); // warm-up, not recorded
            for (int round = 1; round <= rounds; round++) {
                Sample base = direct(index, embedder, work.queries(), round);
                samples.add(base);
                for (int c : clients) {
                    samples.add(load("miss", off.port(), queryFile, c, "miss", round));
                }
                samples.add(load("hit", on.port(), queryFile, 1, "hit", round));
                samples.add(load("hit-throughput", on.port(), queryFile, hitClients, "hit", round));
                log("round %d: direct p50 %.2f ms, miss(1) p50 %.2f ms, hit(1) p50 %.2f ms", round,
                        ms(pct(base.latencies(), 50)), ms(pct(find(samples, "miss", 1, round).latencies(), 50)),
                        ms(pct(find(samples, "hit", 1, round).latencies(), 50)));
            }
        } finally {
            Files.deleteIfExists(queryFile);
        }
        BenchReport report = report(startedAt, machine, work, indexInfo, samples);
        Path folder = report.writeTo(out != null ? out : root.resolve("bench/results"));
        System.out.println(report.toMarkdown());
        log("report written to %s", folder.toAbsolutePath());
        return 0;
    }

    // ---------------------------------------------------------------- corpus

    private Corpus demoCorpus(Path demo) throws IOException {
        List<String> articles = new ArrayList<>();
        try (Stream<Path> files = Files.list(demo.resolve("articles"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                String text = Files.readString(file);
                String title = text.lines().filter(l -> l.startsWith("# ")).findFirst()
                        .map(l -> l.substring(2).strip()).orElse(file.getFileName().toString());
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("externalId", file.getFileName().toString());
                doc.put("title", title);
                doc.put("text", text);
                doc.put("kind", "article");
                doc.put("format", "markdown");
                articles.add(JSON.writeValueAsString(doc));
            }
        }
        List<String> tickets = Files.readAllLines(demo.resolve("tickets.jsonl")).stream()
                .filter(l -> !l.isBlank()).toList();
        List<String> queries = Files.readAllLines(demo.resolve("queries.jsonl")).stream().filter(l -> !l.isBlank())
                .map(l -> JSON.readTree(l).path("text").asString()).limit(queryCount).toList();
        return new Corpus(articles, tickets, queries, "demo/articles/*.md + demo/tickets.jsonl, demo/queries.jsonl");
    }

    private Corpus sciFactCorpus(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(dir.resolve("corpus.jsonl"))) {
            for (String line; (line = in.readLine()) != null && lines.size() < docs; ) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode d = JSON.readTree(line);
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("externalId", d.path("_id").asString());
                doc.put("title", d.path("title").asString());
                doc.put("text", d.path("text").asString());
                doc.put("kind", "article");
                lines.add(JSON.writeValueAsString(doc));
            }
        }
        Set<String> testIds = new HashSet<>();
        for (String line : Files.readAllLines(dir.resolve("qrels/test.tsv"))) {
            String id = line.split("\t")[0];
            if (!id.equals("query-id")) {
                testIds.add(id);
            }
        }
        List<String> queries = Files.readAllLines(dir.resolve("queries.jsonl")).stream().filter(l -> !l.isBlank())
                .map(JSON::readTree).filter(q -> testIds.contains(q.path("_id").asString()))
                .map(q -> q.path("text").asString()).limit(queryCount).toList();
        return new Corpus(List.of(), lines, queries, dir + " (first " + lines.size() + " documents, test queries)");
    }

    // ---------------------------------------------------------------- ingestion

    private void ingest(InProcessServer server, Corpus work) throws Exception {
        KbHttp kb = new KbHttp(server.port());
        kb.createCollection(COLLECTION);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int expected = 0;
        for (String doc : work.jsonDocuments()) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + server.port() + "/api/v1/collections/" + COLLECTION + "/documents"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(doc, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 202) {
                expected++;
            } else if (answer.statusCode() != 200) {
                throw new IllegalStateException("upload answered " + answer.statusCode() + ": " + answer.body());
            }
        }
        for (int from = 0; from < work.ndjsonLines().size(); from += 200) {
            KbHttp.Uploaded up = kb.upload(COLLECTION,
                    work.ndjsonLines().subList(from, Math.min(from + 200, work.ndjsonLines().size())));
            expected += up.accepted();
        }
        LiveIndex index = server.bean(LiveIndex.class);
        long deadline = System.nanoTime() + Duration.ofMinutes(timeoutMinutes).toNanos();
        while (true) {
            int indexed = kb.documents(COLLECTION, "INDEXED").size();
            int failed = kb.documents(COLLECTION, "FAILED").size();
            if (failed > 0) {
                throw new IllegalStateException(failed + " documents FAILED to index");
            }
            if (indexed >= expected && index.lag() == 0) {
                log("port %d: %d documents INDEXED, index lag 0", server.port(), indexed);
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("indexing not done: " + indexed + "/" + expected);
            }
            Thread.sleep(500);
        }
    }

    // ---------------------------------------------------------------- measurements

    /** The baseline: embed the query and run the hybrid Lucene search, nothing else, in this JVM. */
    private Sample direct(LiveIndex index, Embedder embedder, List<String> queries, int round) {
        long[] lat = new long[queries.size()];
        long start = System.nanoTime();
        int i = 0;
        for (String q : queries) {
            long t0 = System.nanoTime();
            float[] vector = embedder.embedQuery(q);
            SearchResult result = index.search(new SearchRequest(COLLECTION, q, vector, SearchMode.HYBRID, topK, 1,
                    null, 0));
            lat[i++] = System.nanoTime() - t0;
            if (result.hits().isEmpty()) {
                throw new IllegalStateException("no hits for " + q);
            }
        }
        return new Sample("direct", round, 1, System.nanoTime() - start, lat, 0, 0);
    }

    /** Spawns {@link LoadGenerator} in a second JVM and reads its latencies back. */
    private Sample load(String setting, int port, Path queryFile, int concurrency, String expectCache, int round)
            throws IOException, InterruptedException {
        Path result = Files.createTempFile("supportkb-bench-latencies-", ".txt");
        try {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    LoadGenerator.class.getName(), "http://127.0.0.1:" + port + "/api/v1/collections/" + COLLECTION
                    + "/query", queryFile.toString(), String.valueOf(concurrency), String.valueOf(topK),
                    expectCache, result.toString()).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("load generator exited with " + p.exitValue());
            }
            long wall = 0;
            int errors = 0;
            int mismatches = 0;
            List<Long> lat = new ArrayList<>();
            for (String line : Files.readAllLines(result)) {
                String[] kv = line.split(" ");
                switch (kv[0]) {
                    case "wall" -> wall = Long.parseLong(kv[1]);
                    case "errors" -> errors = Integer.parseInt(kv[1]);
                    case "cacheMismatches" -> mismatches = Integer.parseInt(kv[1]);
                    default -> lat.add(Long.parseLong(kv[0]));
                }
            }
            if (errors > 0 || mismatches > 0) {
                log("%s x%d round %d: %d errors, %d answers not X-Cache %s", setting, concurrency, round, errors,
                        mismatches, expectCache);
            }
            return new Sample(setting, round, concurrency, wall, lat.stream().mapToLong(Long::longValue).toArray(),
                    errors, mismatches);
        } finally {
            Files.deleteIfExists(result);
        }
    }

    /**
     * The load generator, run as its own process: {@code <url> <queryFile> <clients> <topK> <hit|miss> <outFile>}.
     * Each client has its own {@link HttpClient} (one kept-alive HTTP/1.1 connection) and first sends every query
     * once unmeasured (warms both JVMs' code paths and, on the cache-on server, fills the result cache); then all
     * clients start together and each sends every query once, client {@code i} starting at query
     * {@code i * n / clients}. Writes {@code wall}, {@code errors}, {@code cacheMismatches} and one latency in ns
     * per line.
     */
    public static final class LoadGenerator {

        private LoadGenerator() {
        }

        public static void main(String[] args) throws Exception {
            URI uri = URI.create(args[0]);
            List<String> queries = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
            int clients = Integer.parseInt(args[2]);
            int topK = Integer.parseInt(args[3]);
            String expect = args[4];
            List<String> bodies = queries.stream().map(q -> JSON.writeValueAsString(Map.of("query", q, "topK", topK,
                    "mode", "hybrid", "chunksPerDocument", 1))).toList();
            int n = bodies.size();
            long[][] lat = new long[clients][n];
            AtomicInteger errors = new AtomicInteger();
            AtomicInteger mismatches = new AtomicInteger();
            CyclicBarrier ready = new CyclicBarrier(clients + 1);
            CyclicBarrier done = new CyclicBarrier(clients + 1);
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                Thread t = new Thread(() -> {
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(5)).build();
                    try {
                        for (String body : bodies) {
                            send(http, uri, body, null, errors, mismatches);
                        }
                        ready.await();
                        int offset = client * n / clients;
                        for (int i = 0; i < n; i++) {
                            String body = bodies.get((offset + i) % n);
                            long t0 = System.nanoTime();
                            send(http, uri, body, expect, errors, mismatches);
                            lat[client][i] = System.nanoTime() - t0;
                        }
                        done.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    } finally {
                        http.close();
                    }
                }, "client-" + c);
                t.start();
                threads.add(t);
            }
            ready.await();
            long start = System.nanoTime();
            done.await();
            long wall = System.nanoTime() - start;
            for (Thread t : threads) {
                t.join();
            }
            StringBuilder out = new StringBuilder();
            out.append("wall ").append(wall).append('\n').append("errors ").append(errors.get()).append('\n')
                    .append("cacheMismatches ").append(mismatches.get()).append('\n');
            for (long[] client : lat) {
                for (long l : client) {
                    out.append(l).append('\n');
                }
            }
            Files.writeString(Path.of(args[5]), out.toString());
        }

        private static void send(HttpClient http, URI uri, String body, String expect, AtomicInteger errors,
                                 AtomicInteger mismatches) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                errors.incrementAndGet();
                System.err.println("[load-generator] " + r.statusCode() + ": " + r.body());
            } else if (expect != null && !expect.equals(r.headers().firstValue("X-Cache").orElse("")
                    .toLowerCase(Locale.ROOT))) {
                mismatches.incrementAndGet();
            }
        }
    }

    // ---------------------------------------------------------------- report

    private BenchReport report(String startedAt, MachineInfo machine, Corpus work, Map<String, Object> indexInfo,
                               List<Sample> samples) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("mode", "embedded (H2, temporary data dir, in-process)");
        settings.put("corpus", work.source());
        settings.put("documents", work.size());
        settings.put("chunks in the collection", indexInfo.get("chunks"));
        settings.put("model", indexInfo.get("modelId"));
        settings.put("index config", indexInfo.get("indexConfig"));
        settings.put("queries", work.queries().size());
        settings.put("request", "POST /api/v1/collections/" + COLLECTION + "/query {query, topK: " + topK
                + ", mode: hybrid, chunksPerDocument: 1}");
        settings.put("rounds", rounds);
        settings.put("cache-off server", "supportkb.search.cache.backend=none (no result or query-embedding cache)");
        settings.put("cache-on server", "supportkb.search.cache.backend=caffeine (cache primed by the generator's "
                + "warm-up pass)");
        settings.put("load generator", "second JVM (-Xmx256m), java.net.http HTTP/1.1, one connection per client, "
                + "one unmeasured warm-up pass per client per spawn");
        settings.put("clients (cache off)", clients);
        settings.put("clients (hit throughput)", hitClients);
        settings.put("extra properties", properties);

        long[] direct = pooled(samples, "direct", 1);
        long[] miss = pooled(samples, "miss", 1);
        long[] hit = pooled(samples, "hit", 1);
        List<List<String>> latencyRows = new ArrayList<>();
        latencyRows.add(row("direct embedQuery + LiveIndex.search (same JVM)", direct, direct));
        latencyRows.add(row("HTTP, cache miss (1 client)", miss, direct));
        latencyRows.add(row("HTTP, cache hit (1 client)", hit, direct));

        List<List<String>> perRound = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            double d = pct(find(samples, "direct", 1, r).latencies(), 50);
            double m = pct(find(samples, "miss", 1, r).latencies(), 50);
            double h = pct(find(samples, "hit", 1, r).latencies(), 50);
            ratios.add(m / d);
            perRound.add(List.of(String.valueOf(r), f2(ms(d)), f2(ms(m)), f2(ms(h)), f2(m / d)));
        }
        double pooledRatio = pct(miss, 50) / pct(direct, 50);
        double medianRatio = ratios.stream().sorted().toList().get(ratios.size() / 2);

        List<List<String>> sweep = new ArrayList<>();
        for (int c : clients) {
            sweep.add(throughputRow("cache off (miss)", samples, "miss", c));
        }
        sweep.add(throughputRow("cache on (hit)", samples, "hit", 1));
        sweep.add(throughputRow("cache on (hit)", samples, "hit-throughput", hitClients));

        int errors = samples.stream().mapToInt(Sample::errors).sum();
        int mismatches = samples.stream().mapToInt(Sample::cacheMismatches).sum();
        List<String> notes = new ArrayList<>();
        double lowest = ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double highest = ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        String verdict = highest <= 1.2 ? "met in every round" : lowest > 1.2 ? "NOT met in any round"
                : "inconclusive (met in some rounds, not in others)";
        notes.add(String.format(Locale.ROOT, "Cache-miss HTTP p50 / direct p50 = %.2fx pooled over %d rounds "
                        + "(per-round %.2fx..%.2fx, median %.2fx); target <= 1.2x: %s. Read it against the load "
                        + "average above: on a shared, overloaded machine the spread between rounds can exceed the "
                        + "difference being measured.", pooledRatio, rounds, lowest, highest, medianRatio, verdict));
        notes.add(String.format(Locale.ROOT, "Scale: issue 5 asks for the concurrency numbers on a collection of at "
                + "least 50,000 chunks; this run used %s chunks (%s), so the Lucene part is far cheaper than at the "
                + "target size and these numbers mostly measure embedding plus HTTP/Spring overhead. Rerun with "
                + "--corpus scifact --docs N for a larger collection.", indexInfo.get("chunks"), corpus));
        notes.add("Only embedded mode was measured (production mode with MariaDB + Redis not run here).");
        notes.add("The direct baseline embeds the raw query text; the server normalises it first (a no-op for these "
                + "queries) and additionally assembles hits (titles, highlights, score breakdown), enqueues a trace "
                + "and serialises JSON: the ratio prices all of that plus HTTP.");
        notes.add("Cache-off throughput at more clients than cores (2 cores, shared with the load generator) is "
                + "bounded by ONNX embedding CPU; p99 at 16 clients is mostly queueing.");
        notes.add(String.format(Locale.ROOT, "Errors: %d non-200 answers, %d answers whose X-Cache header was not the "
                + "expected hit/miss.", errors, mismatches));
        if (corpus.equals("demo")) {
            notes.add("Demo corpus as ingested: demo/articles/*.md (JSON, kind article) and demo/tickets.jsonl "
                    + "(x-ndjson tickets); faq.md and runbooks/ were not ingested.");
        }

        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("index", indexInfo);
        raw.put("missOverDirectP50Pooled", pooledRatio);
        raw.put("missOverDirectP50PerRound", ratios);
        List<Map<String, Object>> rawSamples = new ArrayList<>();
        for (Sample s : samples) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("setting", s.setting());
            m.put("round", s.round());
            m.put("clients", s.clients());
            m.put("wallNanos", s.wallNanos());
            m.put("errors", s.errors());
            m.put("cacheMismatches", s.cacheMismatches());
            m.put("latencyNanos", s.latencies());
            rawSamples.add(m);
        }
        raw.put("samples", rawSamples);

        List<String> latencyCols = List.of("path", "p50 ms", "p99 ms", "mean ms", "p50 / direct p50");
        return new BenchReport("query-embedded", "Query latency: HTTP (embedded mode) vs direct embed + search",
                startedAt, command(), machine, MachineInfo.loadAverageNow(), settings,
                List.of(new BenchReport.Table("Latency, pooled over all rounds", latencyCols, latencyRows),
                        new BenchReport.Table("p50 per round (ms)", List.of("round", "direct", "HTTP miss",
                                "HTTP hit", "miss / direct"), perRound),
                        new BenchReport.Table("Throughput by concurrent clients", List.of("server", "clients",
                                "requests", "throughput q/s (median of rounds)", "p50 ms", "p99 ms"), sweep)),
                notes, raw);
    }

    private List<String> row(String name, long[] lat, long[] direct) {
        return List.of(name, f2(ms(pct(lat, 50))), f2(ms(pct(lat, 99))), f2(ms(Arrays.stream(lat).average()
                .orElse(0))), f2(pct(lat, 50) / pct(direct, 50)) + "x");
    }

    private List<String> throughputRow(String server, List<Sample> samples, String setting, int c) {
        long[] lat = pooled(samples, setting, c);
        double[] tps = samples.stream().filter(s -> s.setting().equals(setting) && s.clients() == c)
                .mapToDouble(Sample::throughput).sorted().toArray();
        return List.of(server, String.valueOf(c), String.valueOf(lat.length), String.format(Locale.ROOT, "%.1f",
                tps[tps.length / 2]), f2(ms(pct(lat, 50))), f2(ms(pct(lat, 99))));
    }

    private static long[] pooled(List<Sample> samples, String setting, int clients) {
        return samples.stream().filter(s -> s.setting().equals(setting) && s.clients() == clients)
                .flatMapToLong(s -> Arrays.stream(s.latencies())).toArray();
    }

    private static Sample find(List<Sample> samples, String setting, int clients, int round) {
        return samples.stream().filter(s -> s.setting().equals(setting) && s.clients() == clients
                && s.round() == round).findFirst().orElseThrow();
    }

    /** Nearest-rank percentile. */
    static double pct(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(double nanos) {
        return nanos / 1e6;
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private String command() {
        List<String> args = spec.commandLine().getParseResult() == null ? List.of()
                : spec.commandLine().getParseResult().originalArgs();
        String program = spec.parent() != null ? spec.qualifiedName()
                : "java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp ... "
                        + QueryBenchmark.class.getName();
        return program + (args.isEmpty() ? "" : " " + String.join(" ", args));
    }

    static void log(String format, Object... args) {
        System.err.printf("[query-bench] " + format + "%n", args);
    }
}
