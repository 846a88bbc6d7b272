package io.supportkb.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load generator: a closed loop of {@code clients} threads, each with its own {@link HttpClient} (one kept-alive
 * HTTP/1.1 connection), sending {@code POST /api/v1/collections/{c}/query}. It runs in its own JVM, started once per
 * benchmark run by {@link #start()} with the benchmark's classpath, so the client's JIT, heap and GC stay out of the
 * server's process (they still share the machine's cores), and its code is compiled once for all measurements: a
 * fresh JVM per measurement spends milliseconds per request in the interpreter, which the latencies would charge to
 * the server.
 *
 * <p>Each {@link #run measurement} has three phases, each a shared ticket counter the clients draw from until it
 * runs out: the optional priming pass (every query once, so the cache-on node holds them all; its latencies and
 * cache outcomes are kept apart), the warm-up ({@link Settings#warmUpRequests()}, shared evenly by the clients, not
 * recorded), and the measured {@code requests} requests, ticket {@code t} asking query {@code t mod queries}; the
 * wall time runs from the release of the clients to the last answer. Protocol on standard input: one line
 * {@code <settings.json> <result.json>} per measurement, answered by a line {@code done} or {@code failed <why>} on
 * standard output; end of input ends the process.
 */
public final class QueryLoad implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * @param expectCache {@code hit} or {@code miss}: the {@code X-Cache} every measured answer must carry
     * @param prime       send every query once, unmeasured, before the warm-up
     */
    record Settings(String url, List<String> queries, int clients, int requests, int warmUp, int topK,
                    String expectCache, boolean prime) {

        /** Warm-up requests: {@code warmUp}, but at least 2 per client, so every connection is open and used. */
        int warmUpRequests() {
            return Math.max(warmUp, 2 * clients);
        }
    }

    /**
     * @param latencyNanos    measured requests, in ticket order
     * @param errors          measured requests without a 200 (or without an answer)
     * @param cacheMismatches measured 200 answers whose {@code X-Cache} was not the expected one
     * @param stages          the server's stage times of each measured request, from the answer's {@code timings}
     * @param primeNanos      latencies of the priming pass (empty without priming)
     * @param primeHits       priming answers that were already cache hits
     */
    record Result(long wallNanos, long[] latencyNanos, int errors, int cacheMismatches, StageSamples stages,
                  long[] primeNanos, int primeHits) {

        double throughput() {
            return latencyNanos.length / (wallNanos / 1e9);
        }
    }

    private final Process process;
    private final BufferedWriter commands;
    private final BufferedReader answers;

    private QueryLoad(Process process) {
        this.process = process;
        this.commands = process.outputWriter(StandardCharsets.UTF_8);
        this.answers = process.inputReader(StandardCharsets.UTF_8);
    }

    /** Starts the generator process ({@code -Xmx256m}, this JDK and classpath). */
    static QueryLoad start() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new QueryLoad(new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                QueryLoad.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** One measurement in the generator process. */
    Result run(Settings settings) throws IOException {
        Path in = Files.createTempFile("supportkb-bench-load-", ".json");
        Path out = Files.createTempFile("supportkb-bench-load-result-", ".json");
        try {
            JSON.writeValue(in.toFile(), settings);
            commands.write(in + " " + out + "\n");
            commands.flush();
            String answer = answers.readLine();
            if (!"done".equals(answer)) {
                throw new IllegalStateException("the load generator answered " + answer);
            }
            return JSON.readValue(out.toFile(), Result.class);
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        commands.close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroy();
        }
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] files = line.split(" ");
            try {
                Result result = measure(JSON.readValue(Path.of(files[0]).toFile(), Settings.class));
                JSON.writeValue(Path.of(files[1]).toFile(), result);
                System.out.println("done");
            } catch (RuntimeException | InterruptedException e) {
                System.out.println("failed " + e.toString().replace('\n', ' '));
            }
            System.out.flush();
        }
    }

    private static Result measure(Settings settings) throws InterruptedException {
        List<String> bodies = settings.queries().stream().map(q -> JSON.writeValueAsString(Map.of("query", q,
                "topK", settings.topK(), "mode", "hybrid", "chunksPerDocument", 1))).toList();
        List<HttpClient> clients = new ArrayList<>();
        for (int c = 0; c < settings.clients(); c++) {
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build());
        }
        try {
            URI uri = URI.create(settings.url());
            Phase prime = new Phase(settings.prime() ? bodies.size() : 0);
            prime.run(clients, uri, bodies, "hit", false);
            new Phase(settings.warmUpRequests()).run(clients, uri, bodies, null, true);
            Phase measured = new Phase(settings.requests());
            long wall = measured.run(clients, uri, bodies, settings.expectCache(), false);
            return new Result(wall, measured.latencies, measured.errors.get(), measured.unexpected.get(),
                    measured.stages, prime.latencies, prime.answers.get() - prime.unexpected.get());
        } finally {
            clients.forEach(HttpClient::close);
        }
    }

    /** {@code tickets} requests shared by all clients. */
    private static final class Phase {
        private final long[] latencies;
        private final StageSamples stages;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger errors = new AtomicInteger();
        private final AtomicInteger answers = new AtomicInteger();
        private final AtomicInteger unexpected = new AtomicInteger();

        Phase(int tickets) {
            this.latencies = new long[tickets];
            this.stages = StageSamples.absent(tickets);
        }

        /**
         * Returns the wall time from releasing the clients to the last answer.
         *
         * @param striped client {@code c} of {@code n} takes tickets {@code c, c + n, c + 2n, ...} (every client gets
         *                its share) instead of drawing the next free ticket (closed loop)
         */
        long run(List<HttpClient> clients, URI uri, List<String> bodies, String expectCache, boolean striped)
                throws InterruptedException {
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (HttpClient http : clients) {
                int client = threads.size();
                IntUnaryOperator following = striped ? t -> t + clients.size() : t -> next.getAndIncrement();
                threads.add(Thread.ofPlatform().name("client-" + client).start(() -> {
                    awaitQuietly(go);
                    for (int t = striped ? client : next.getAndIncrement(); t < latencies.length;
                         t = following.applyAsInt(t)) {
                        latencies[t] = send(http, uri, bodies.get(t % bodies.size()), expectCache, t);
                    }
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            for (Thread thread : threads) {
                thread.join();
            }
            return System.nanoTime() - start;
        }

        /**
         * Sends one query and returns its latency: from building the request to having the whole answer (status,
         * headers and body). The generator's own checks (parsing the JSON for the server's stage timings, the
         * X-Cache header) run after the clock stops, so they are not counted as the server's time.
         */
        private long send(HttpClient http, URI uri, String body, String expectCache, int ticket) {
            long start = System.nanoTime();
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json").timeout(Duration.ofMinutes(2))
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                        HttpResponse.BodyHandlers.ofString());
                long latency = System.nanoTime() - start;
                check(answer, expectCache, ticket);
                return latency;
            } catch (IOException e) {
                errors.incrementAndGet();
                System.err.println("[query-load] no answer: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                errors.incrementAndGet();
            }
            return System.nanoTime() - start;
        }

        private void check(HttpResponse<String> answer, String expectCache, int ticket) {
            if (answer.statusCode() != 200) {
                errors.incrementAndGet();
                System.err.println("[query-load] " + answer.statusCode() + ": " + answer.body());
                return;
            }
            answers.incrementAndGet();
            JsonNode timings = JSON.readTree(answer.body()).path("timings");
            stages.record(ticket, ms(timings, "totalMs"), ms(timings, "embedMs"), ms(timings, "retrieveMs"),
                    ms(timings, "assembleMs"));
            String cache = answer.headers().firstValue("X-Cache").orElse("").toLowerCase(Locale.ROOT);
            if (expectCache != null && !expectCache.equals(cache)) {
                unexpected.incrementAndGet();
            }
        }

        private static Double ms(JsonNode timings, String field) {
            JsonNode value = timings.path(field);
            return value.isNumber() ? value.asDouble() : null;
        }

        private static void awaitQuietly(CountDownLatch latch) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
