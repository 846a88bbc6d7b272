package io.supportkb.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The SupportKB HTTP API as the command line uses it ({@code java.net.http}, JSON read through {@link Json}).
 * Error answers become {@link ApiProblem}; a server that does not answer becomes {@link ServerUnreachable}.
 * Thread-safe.
 */
final class KbClient {

    static final String DEFAULT_URL = "http://localhost:8080";
    static final String NDJSON = "application/x-ndjson";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);
    /** Uploads of large files or batches are parsed and stored before the server answers. */
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(30);

    private final URI base;
    private final HttpClient http;

    KbClient(String url) {
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            this.base = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--url is not a URL: " + url, e);
        }
        if (base.getScheme() == null || base.getHost() == null) {
            throw new IllegalArgumentException("--url needs a scheme and host, e.g. " + DEFAULT_URL + " (was " + url + ")");
        }
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
    }

    URI base() {
        return base;
    }

    /** {@code GET /actuator/health}: answered with 200 (UP) or 503 (DOWN), both a health document. */
    Json health() {
        HttpResponse<String> response = send(request("/actuator/health").GET().build());
        Json body = Json.parse(response.body());
        if (!body.isPresent() && response.statusCode() >= 400) {
            throw problem(response);
        }
        return body;
    }

    Json get(String path) {
        return expectOk(send(request(path).GET().build()));
    }

    Json postJson(String path, String json) {
        return expectOk(send(request(path).timeout(UPLOAD_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build()));
    }

    Json post(String path, String contentType, byte[] body) {
        return expectOk(send(request(path).timeout(UPLOAD_TIMEOUT).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()));
    }

    /** The raw answer of a JSON POST, for callers that show it verbatim ({@code kb query --json}). */
    String postJsonRaw(String path, String json) {
        HttpResponse<String> response = send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
        if (response.statusCode() >= 400) {
            throw problem(response);
        }
        return response.body();
    }

    /**
     * POSTs JSON asking for Server-Sent Events and hands each event's name and data to {@code onEvent} as it arrives.
     * A refusal before the stream starts is thrown as an {@link ApiProblem}.
     */
    void postJsonEvents(String path, String json, java.util.function.BiConsumer<String, String> onEvent) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(base.getPath() + path)).timeout(UPLOAD_TIMEOUT)
                .header("Accept", "text/event-stream, application/problem+json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        HttpResponse<java.util.stream.Stream<String>> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new ServerUnreachable(base, e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("POST " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        try (java.util.stream.Stream<String> lines = response.body()) {
            if (response.statusCode() >= 400) {
                throw problem(response.statusCode(), String.join("\n", lines.toList()));
            }
            String[] event = {"message"};
            StringBuilder data = new StringBuilder();
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        onEvent.accept(event[0], data.toString());
                    }
                    event[0] = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event[0] = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
                }
            });
        }
    }

    void delete(String path) {
        expectOk(send(request(path).DELETE().build()));
    }

    /**
     * Creates a collection; returns false when it already exists.
     */
    boolean createCollection(String id, String description) {
        String body = Json.MAPPER.createObjectNode().put("id", id).put("description", description).toString();
        try {
            postJson("/api/v1/collections", body);
            return true;
        } catch (ApiProblem e) {
            if (e.slug().equals("collection-exists") || e.status() == 409) {
                return false;
            }
            throw e;
        }
    }

    /** The collection with its counts by status, or empty when it does not exist. */
    Optional<Json> collection(String id) {
        try {
            return Optional.of(get("/api/v1/collections/" + encode(id)));
        } catch (ApiProblem e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    Json ingestion(String collection) {
        return get("/api/v1/collections/" + encode(collection) + "/ingestion");
    }

    static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(base.getPath() + path)).timeout(READ_TIMEOUT)
                .header("Accept", "application/json, application/problem+json");
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new ServerUnreachable(base, e);
        } catch (HttpTimeoutException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " got no answer within "
                    + request.timeout().map(Duration::toSeconds).orElse(0L) + " s", e);
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException refused) {
                throw new ServerUnreachable(base, refused);
            }
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + request.uri(), e);
        }
    }

    private static Json expectOk(HttpResponse<String> response) {
        if (response.statusCode() >= 400) {
            throw problem(response);
        }
        return Json.parse(response.body());
    }

    private static ApiProblem problem(HttpResponse<String> response) {
        return problem(response.statusCode(), response.body());
    }

    private static ApiProblem problem(int status, String body) {
        return ApiProblem.of(status, Json.parse(body));
    }
}
