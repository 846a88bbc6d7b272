package io.supportkb.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few SupportKB API calls the benchmark makes, over real HTTP ({@code java.net.http}, HTTP/1.1, one kept-alive
 * connection). Any answer outside 2xx fails the run with the server's problem detail. Thread-safe.
 */
final class KbHttp {

    /** What a JSON Lines batch reported. */
    record Uploaded(int accepted, int duplicates, int rejected) {

        Uploaded plus(Uploaded other) {
            return new Uploaded(accepted + other.accepted, duplicates + other.duplicates, rejected + other.rejected);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int PAGE = 500;

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    KbHttp(int port) {
        this.base = "http://127.0.0.1:" + port + "/api/v1/collections";
    }

    void createCollection(String id) {
        send(HttpRequest.newBuilder(URI.create(base)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("id", id,
                        "description", "ingest benchmark")))));
    }

    /** {@code POST /collections/{c}/documents} as {@code application/x-ndjson}; a rejected line fails the run. */
    Uploaded upload(String collection, List<String> lines) {
        String body = String.join("\n", lines) + "\n";
        JsonNode answer = send(HttpRequest.newBuilder(URI.create(base + "/" + collection + "/documents"))
                .header("Content-Type", "application/x-ndjson").timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
        Uploaded uploaded = new Uploaded(answer.path("accepted").asInt(), answer.path("duplicates").asInt(),
                answer.path("rejected").asInt());
        if (uploaded.rejected() > 0) {
            for (JsonNode line : answer.path("results")) {
                if ("REJECTED".equals(line.path("outcome").asString())) {
                    throw new IllegalStateException("the server rejected line " + line.path("line").asInt() + ": "
                            + line.path("error"));
                }
            }
        }
        return uploaded;
    }

    /** {@code GET /collections/{c}/ingestion}: counts by status, pending, recent failures. */
    JsonNode ingestion(String collection) {
        return send(HttpRequest.newBuilder(URI.create(base + "/" + collection + "/ingestion?windowSeconds=3600"))
                .GET());
    }

    /** Every document of the collection in {@code status}, all pages. */
    List<JsonNode> documents(String collection, String status) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode answer = send(HttpRequest.newBuilder(URI.create(base + "/" + collection + "/documents?status="
                    + status + "&size=" + PAGE + "&page=" + page)).GET());
            answer.path("items").forEach(all::add);
            if (answer.path("items").size() < PAGE) {
                return all;
            }
        }
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(response.request().method() + " " + response.request().uri()
                        + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the server did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
