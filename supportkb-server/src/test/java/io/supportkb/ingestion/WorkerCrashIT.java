package io.supportkb.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.supportkb.support.RealServices;

/**
 * The fault test of issue 4, on the repackaged jar: one API process and two worker processes on the real
 * MariaDB and Redis; 500 documents; one worker is killed with SIGKILL mid-way and the Redis stream is deleted
 * mid-way; the killed worker is restarted. Every document must end INDEXED exactly once (one UPSERT in the
 * change log, no duplicate chunks), none lost or stuck.
 */
@ExtendWith(RealServices.class)
class WorkerCrashIT {

    static final int DOCUMENTS = 500;
    static final int PARAGRAPHS = 4;
    static final Path JAR = Path.of("target/supportkb-server.jar");
    static final Path LOGS = Path.of("target/it-logs");

    final List<Process> processes = new ArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stopAll() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void everyDocumentEndsIndexedExactlyOnceDespiteAKilledWorkerAndAFlushedStream() throws Exception {
        int port = freePort();
        start("api", "--supportkb.roles=api", "--server.port=" + port);
        String base = "http://127.0.0.1:" + port;
        Awaitility.await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> get(base + "/actuator/health/readiness").statusCode() == 200);
        Process victim = start("worker-1", "--supportkb.roles=worker", "--server.port=0",
                "--supportkb.ingestion.jobs.worker-id=worker-1");
        start("worker-2", "--supportkb.roles=worker", "--server.port=0", "--supportkb.ingestion.jobs.worker-id=worker-2");

        assertThat(post(base + "/api/v1/collections", "application/json", "{\"id\":\"crash\"}").statusCode())
                .isEqualTo(201);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < DOCUMENTS; i++) {
            StringBuilder text = new StringBuilder();
            for (int p = 0; p < PARAGRAPHS; p++) {
                text.append(p == 0 ? "" : "\\n\\n").append("Marker-").append(i).append(" paragraph ").append(p)
                        .append(" about parcel tracking and delivery windows.");
            }
            lines.append("{\"externalId\":\"doc-").append(i).append("\",\"text\":\"").append(text).append("\"}\n");
        }
        HttpResponse<String> batch = post(base + "/api/v1/collections/crash/documents", "application/x-ndjson",
                lines.toString());
        assertThat(batch.statusCode()).isEqualTo(202);
        assertThat(batch.body()).contains("\"accepted\":" + DOCUMENTS);

        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> indexed() >= 50);
        victim.destroyForcibly().waitFor();                       // SIGKILL, mid-way
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> indexed() >= 150);
        RealServices.redis("DEL", RealServices.keyPrefix(WorkerCrashIT.class) + "wakeups");   // Redis loses it all
        start("worker-1-restarted", "--supportkb.roles=worker", "--server.port=0",
                "--supportkb.ingestion.jobs.worker-id=worker-1");

        Awaitility.await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> indexed() == DOCUMENTS);
        assertThat(scalar("SELECT COUNT(*) FROM document WHERE status <> 'INDEXED'")).isZero();
        // The model chunker packs the short paragraphs; what matters is that every document's chunks were
        // written exactly once: as many rows as the document says, ordinals 0..n-1, none missing.
        assertThat(scalar("SELECT COUNT(*) FROM document d WHERE NOT EXISTS "
                + "(SELECT 1 FROM chunk c WHERE c.document_id = d.id)")).isZero();
        assertThat(scalar("SELECT COUNT(*) FROM chunk")).isEqualTo(scalar("SELECT SUM(chunk_count) FROM document"));
        assertThat(scalar("SELECT COUNT(*) FROM (SELECT document_id FROM chunk GROUP BY document_id "
                + "HAVING MAX(ordinal) + 1 <> COUNT(*)) x")).isZero();
        assertThat(scalar("SELECT COUNT(*) FROM chunk WHERE embedding IS NULL")).isZero();
        assertThat(scalar("SELECT COUNT(*) FROM index_change WHERE op = 'UPSERT'")).isEqualTo(DOCUMENTS);
        assertThat(scalar("SELECT COUNT(DISTINCT document_id) FROM index_change WHERE op = 'UPSERT'"))
                .isEqualTo(DOCUMENTS);
        assertThat(scalar("SELECT COUNT(*) FROM document d WHERE NOT EXISTS (SELECT 1 FROM chunk c "
                + "WHERE c.document_id = d.id AND c.text LIKE CONCAT('%Marker-', SUBSTRING(d.external_id, 5), ' %'))"))
                .isZero();

        // ... and each one is findable by a query on its own text, through the API process's index.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> topHit(base, 0).equals("doc-0") && topHit(base, DOCUMENTS - 1).equals("doc-" + (DOCUMENTS - 1)));
        List<Integer> notFound = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            if (!topHit(base, i).equals("doc-" + i)) {
                notFound.add(i);
            }
        }
        assertThat(notFound).as("documents whose own text does not find them").isEmpty();
    }

    /** External id of the best keyword hit for document i's own marker sentence. */
    String topHit(String base, int i) throws Exception {
        HttpResponse<String> response = post(base + "/api/v1/collections/crash/query", "application/json",
                "{\"query\":\"Marker-" + i + " about parcel tracking and delivery windows\",\"mode\":\"keyword\",\"topK\":1}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"externalId\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(response.body());
        return m.find() ? m.group(1) : "";
    }

    long indexed() throws SQLException {
        return scalar("SELECT COUNT(*) FROM document WHERE status = 'INDEXED'");
    }

    long scalar(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(RealServices.jdbcUrl(WorkerCrashIT.class), "root", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    Process start(String name, String... args) throws IOException {
        Files.createDirectories(LOGS);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-jar", JAR.toString(), "serve",
                "--spring.profiles.active=mysql,redis",
                "--spring.datasource.url=" + RealServices.jdbcUrl(WorkerCrashIT.class),
                "--supportkb.ingestion.stream.key=" + RealServices.keyPrefix(WorkerCrashIT.class) + "wakeups",
                "--supportkb.ingestion.jobs.lease-duration=3s",
                "--supportkb.ingestion.jobs.reconcile-interval=500ms",
                "--supportkb.ingestion.stream.claim-idle=4s",
                "--supportkb.ingestion.stream.claim-interval=1s",
                "--supportkb.ingestion.stream.read-block=500ms",
                "--supportkb.indexing.heartbeat-interval=1s",
                "--supportkb.indexing.poll-timeout=500ms"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File(LOGS.toFile(), name + ".log")).start();
        processes.add(process);
        return process;
    }

    HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String url, String type, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
