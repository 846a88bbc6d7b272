package io.supportkb.answering;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.supportkb.search.CorpusTest;
import io.supportkb.search.KnowledgeBase;

/**
 * An OpenAI-compatible endpoint that accepts connections and never answers: the generation times out, and the query
 * still returns its hits with a clear answer error, which is not cached.
 */
@SpringBootTest(properties = {
        "supportkb.data-dir=./target/test-data/${random.uuid}",
        "supportkb.indexing.index.poll-interval=50ms",
        "supportkb.answering.answerer=openai",
        "supportkb.answering.openai.model=tiny",
        "supportkb.answering.openai.max-retries=0",
        "supportkb.answering.generation.timeout=1500ms"})
@AutoConfigureMockMvc
class LanguageModelFailureTest extends CorpusTest {

    /** Accepts and holds connections without ever replying. */
    private static final ServerSocket STALLED = stalled();
    private static final List<Socket> HELD = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void endpoint(DynamicPropertyRegistry registry) {
        registry.add("supportkb.answering.openai.base-url",
                () -> "http://127.0.0.1:" + STALLED.getLocalPort() + "/v1");
    }

    private static ServerSocket stalled() {
        try {
            ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        HELD.add(socket.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected String collectionPrefix() {
        return "llm-down";
    }

    @AfterAll
    void close() throws IOException {
        STALLED.close();
        for (Socket s : HELD) {
            s.close();
        }
    }

    @Test
    void aModelThatNeverAnswersTimesOutAndTheQueryStillReturnsItsHits() throws Exception {
        String query = "{\"query\":\"how do I reset my password?\",\"answer\":true}";
        kb.query(corpus.collection(), query)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.hits", hasSize(greaterThan(0))))
                .andExpect(jsonPath("$.hits[0].externalId").value("password"))
                .andExpect(jsonPath("$.answer.status").value("FAILED"))
                .andExpect(jsonPath("$.answer.answerer").value("openai"))
                .andExpect(jsonPath("$.answer.error", containsString("127.0.0.1:" + STALLED.getLocalPort())))
                .andExpect(jsonPath("$.answer.reason", containsString("hits are still valid")));
        kb.query(corpus.collection(), query)
                .andExpect(header().string("X-Cache", "miss"))
                .andExpect(jsonPath("$.answer.status").value("FAILED"));
    }
}
