package io.supportkb.ml.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link OpenAiChatModel} without a model server: where it may connect, how it fails, times out and retries. */
class OpenAiChatModelTest {

    private static final ChatPrompt PROMPT = new ChatPrompt("Answer briefly.", "How do I reset my password?");
    private static final Duration FAST_RETRY = Duration.ofMillis(20);

    @Test
    void rejectsANonLoopbackHostNamingTheHostAndTheSettingThatAllowsIt() {
        OpenAiEndpoint remote = OpenAiEndpoint.of(URI.create("http://192.0.2.10:8080/v1"), "m", 4096);

        assertThatThrownBy(() -> new OpenAiChatModel(remote))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("192.0.2.10")
                .hasMessageContaining("allowRemote");
    }

    @Test
    void acceptsARemoteHostWhenAllowRemoteIsSetWithoutConnecting() {
        try (OpenAiChatModel model = new OpenAiChatModel(
                OpenAiEndpoint.of(URI.create("http://192.0.2.10:8080/v1"), "qwen2.5", 4096).withAllowRemote(true))) {
            assertThat(model.id()).isEqualTo("openai:qwen2.5@192.0.2.10:8080");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:11434/v1", "http://127.0.0.1:8080", "http://127.0.0.2:8080/v1/",
            "http://[::1]:8080/v1"})
    void acceptsLoopbackHosts(String baseUrl) {
        try (OpenAiChatModel model = new OpenAiChatModel(OpenAiEndpoint.of(URI.create(baseUrl), "m", 4096))) {
            assertThat(model.id()).startsWith("openai:m@");
        }
    }

    @Test
    void postsToChatCompletionsUnderTheBaseUrlWithOrWithoutATrailingSlash() {
        assertThat(OpenAiEndpoint.of(URI.create("http://127.0.0.1:11434/v1/"), "m", 1).chatCompletions())
                .isEqualTo(URI.create("http://127.0.0.1:11434/v1/chat/completions"));
        assertThat(OpenAiEndpoint.of(URI.create("http://127.0.0.1:11434/v1"), "m", 1).chatCompletions())
                .isEqualTo(URI.create("http://127.0.0.1:11434/v1/chat/completions"));
    }

    @Test
    void neverPrintsTheApiKey() {
        OpenAiEndpoint endpoint = new OpenAiEndpoint(URI.create("http://127.0.0.1:1/v1"), "m", false,
                Duration.ofSeconds(1), 0, Duration.ZERO, 1, null, "sk-secret");

        assertThat(endpoint.toString()).doesNotContain("sk-secret").contains("apiKey=****");
    }

    @Test
    void estimatesTokensAsUtf8BytesOverThreeRoundedUpWithoutATokenizer() {
        try (OpenAiChatModel model = new OpenAiChatModel(OpenAiEndpoint.of(URI.create("http://127.0.0.1:1"), "m", 1))) {
            assertThat(model.countTokens("")).isZero();
            assertThat(model.countTokens("abc")).isEqualTo(1);
            assertThat(model.countTokens("abcd")).isEqualTo(2);
            assertThat(model.countTokens("é")).isEqualTo(1);
        }
    }

    @Test
    void failsFastWithAClearMessageWhenNothingListens() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        OpenAiEndpoint dead = OpenAiEndpoint.of(URI.create("http://127.0.0.1:" + port + "/v1"), "m", 4096)
                .withRetries(2, FAST_RETRY);
        long start = System.nanoTime();

        try (OpenAiChatModel model = new OpenAiChatModel(dead)) {
            GenerationException failure = catchThrowableOfType(GenerationException.class,
                    () -> model.generate(PROMPT, GenerationOptions.greedy(8, Duration.ofSeconds(30)), piece -> { }));

            assertThat(failure.isTimeout()).isFalse();
            assertThat(failure.getMessage()).contains("127.0.0.1:" + port + "/v1/chat/completions")
                    .contains("nothing is listening").contains("after 3 attempts").contains("start the model server");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void timesOutWhenTheServerAcceptsButNeverAnswers(boolean stream) throws IOException {
        try (StallingServer stalling = new StallingServer()) {
            OpenAiEndpoint endpoint = OpenAiEndpoint.of(stalling.baseUrl(), "m", 4096).withRetries(2, FAST_RETRY);
            long start = System.nanoTime();

            try (OpenAiChatModel model = new OpenAiChatModel(endpoint)) {
                GenerationException failure = catchThrowableOfType(GenerationException.class, () -> model.generate(
                        PROMPT, GenerationOptions.greedy(8, Duration.ofMillis(500)), piece -> { }, stream));

                assertThat(failure.isTimeout()).isTrue();
                assertThat(failure.getMessage()).contains("did not finish within PT0.5S");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(stalling.connections()).hasValue(1);
        }
    }

    @Test
    void retriesA503AndReturnsTheCompletionThatFollows() throws IOException {
        try (ScriptedServer server = new ScriptedServer(List.of(
                new Reply(503, "{\"error\":{\"message\":\"model is loading\"}}"),
                new Reply(200, """
                        {"choices":[{"index":0,"message":{"role":"assistant","content":"Open the sign-in page."},
                        "finish_reason":"stop"}],"usage":{"prompt_tokens":21,"completion_tokens":6}}""")))) {
            OpenAiEndpoint endpoint = OpenAiEndpoint.of(server.baseUrl(), "m", 4096).withRetries(2, FAST_RETRY);

            try (OpenAiChatModel model = new OpenAiChatModel(endpoint)) {
                Generation generation = model.generate(PROMPT, GenerationOptions.greedy(8, Duration.ofSeconds(10)),
                        piece -> { }, false);

                assertThat(generation.text()).isEqualTo("Open the sign-in page.");
                assertThat(generation.promptTokens()).isEqualTo(21);
                assertThat(generation.completionTokens()).isEqualTo(6);
            }
            assertThat(server.requests()).hasSize(2);
            assertThat(server.requests().get(1)).contains("\"max_tokens\":8").contains("\"seed\":42")
                    .contains("\"role\":\"system\"").contains("\"stream\":false");
        }
    }

    @Test
    void doesNotRetryAClientErrorAndQuotesTheBody() throws IOException {
        try (ScriptedServer server = new ScriptedServer(List.of(
                new Reply(404, "{\"error\":{\"message\":\"model 'm' not found, try pulling it first\"}}")))) {
            OpenAiEndpoint endpoint = OpenAiEndpoint.of(server.baseUrl(), "m", 4096).withRetries(2, FAST_RETRY);

            try (OpenAiChatModel model = new OpenAiChatModel(endpoint)) {
                assertThatThrownBy(() -> model.generate(PROMPT, GenerationOptions.greedy(8, Duration.ofSeconds(10)),
                        piece -> { }))
                        .isInstanceOf(GenerationException.class)
                        .hasMessageContaining("HTTP 404")
                        .hasMessageContaining("model 'm' not found");
            }
            assertThat(server.requests()).hasSize(1);
        }
    }

    /** Accepts connections, reads whatever arrives and never answers. */
    private static final class StallingServer implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        private final AtomicInteger connections = new AtomicInteger();
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();

        StallingServer() throws IOException {
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket client = socket.accept();
                        accepted.add(client);
                        connections.incrementAndGet();
                        Thread.ofVirtual().start(() -> drain(client));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        URI baseUrl() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1");
        }

        AtomicInteger connections() {
            return connections;
        }

        private static void drain(Socket client) {
            try (InputStream in = client.getInputStream()) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException closed) {
                // the client gave up: that is the point
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket client : accepted) {
                client.close();
            }
        }
    }

    private record Reply(int status, String body) {
    }

    /** Answers {@code POST /v1/chat/completions} with the scripted replies in turn, recording each request body. */
    private static final class ScriptedServer implements AutoCloseable {

        private final HttpServer server;
        private final List<String> requests = new CopyOnWriteArrayList<>();

        ScriptedServer(List<Reply> replies) throws IOException {
            List<Reply> script = new ArrayList<>(replies);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/v1/chat/completions", exchange -> {
                requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                Reply reply = script.get(Math.min(requests.size(), script.size()) - 1);
                byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(reply.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }

        URI baseUrl() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
        }

        List<String> requests() {
            return requests;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
