package io.supportkb.answering;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import io.supportkb.indexing.LiveIndex;
import io.supportkb.search.KnowledgeBase;

/** A stopped local LLM server (nothing listens on its port): the query answers with hits and the answer's error. */
@SpringBootTest(properties = {
        "supportkb.data-dir=./target/test-data/${random.uuid}",
        "supportkb.indexing.index.poll-interval=50ms",
        "supportkb.answering.answerer=openai",
        "supportkb.answering.openai.model=tiny",
        "supportkb.answering.openai.max-retries=1",
        "supportkb.answering.openai.retry-backoff=50ms"})
@AutoConfigureMockMvc
class DeadLanguageModelTest {

    private static final int DEAD_PORT = freePort();

    @DynamicPropertySource
    static void endpoint(DynamicPropertyRegistry registry) {
        registry.add("supportkb.answering.openai.base-url", () -> "http://127.0.0.1:" + DEAD_PORT + "/v1");
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    LiveIndex index;

    @Test
    void aDeadEndpointFailsTheAnswerNotTheQuery() throws Exception {
        KnowledgeBase kb = new KnowledgeBase(mvc, index);
        KnowledgeBase.Corpus corpus = kb.create("llm-dead");

        kb.query(corpus.collection(), "{\"query\":\"how do refunds work?\",\"answer\":true}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.hits[0].externalId").value("refunds"))
                .andExpect(jsonPath("$.answer.status").value("FAILED"))
                .andExpect(jsonPath("$.answer.error", containsString("127.0.0.1:" + DEAD_PORT)));
    }
}
