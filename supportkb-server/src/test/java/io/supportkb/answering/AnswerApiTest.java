package io.supportkb.answering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import io.supportkb.indexing.LiveIndex;
import io.supportkb.search.KnowledgeBase;
import io.supportkb.search.SearchModeTest;
import io.supportkb.support.Api;

/** Grounded answers over HTTP with the default extractive answerer, on articles of the shipped demo knowledge base. */
@SearchModeTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnswerApiTest {

    private static final List<String> ARTICLES = List.of("refund-policy.md", "plans-and-billing.md",
            "account-security.md", "pickup-scheduling.md");

    @Autowired
    MockMvc mvc;
    @Autowired
    LiveIndex index;

    KnowledgeBase kb;
    String collection;

    @BeforeAll
    void demoArticles() throws Exception {
        kb = new KnowledgeBase(mvc, index);
        Api api = new Api(mvc);
        collection = api.newCollection("answers");
        for (String article : ARTICLES) {
            String text = Files.readString(Path.of("..", "demo", "articles", article));
            String title = text.lines().findFirst().orElseThrow().replaceFirst("^#\\s*", "");
            String id = api.submit(collection, "{\"externalId\":" + Api.json(article) + ",\"title\":" + Api.json(title)
                    + ",\"kind\":\"article\",\"text\":" + Api.json(text) + "}");
            api.awaitStatus(collection, id, "INDEXED");
        }
        kb.awaitApplied();
    }

    private MvcResult ask(String question) throws Exception {
        return kb.query(collection, "{\"query\":" + Api.json(question) + ",\"answer\":true}")
                .andExpect(status().isOk()).andReturn();
    }

    @Test
    void answersWithQuotedSentencesWhoseCitationsPointAtTheRightSpans() throws Exception {
        String body = KnowledgeBase.body(kb.query(collection, "{\"query\":\"How long does it take for a refund to "
                + "show up on my card?\",\"answer\":true,\"chunksPerDocument\":3}").andExpect(status().isOk())
                .andReturn());

        assertThat((String) JsonPath.read(body, "$.answer.status")).isEqualTo("ANSWERED");
        assertThat((String) JsonPath.read(body, "$.answer.answerer")).isEqualTo("extractive");
        assertThat((String) JsonPath.read(body, "$.answer.text")).contains("business days").contains("[");
        assertThat((Boolean) JsonPath.read(body, "$.answer.check.passed")).isTrue();
        assertThat((String) JsonPath.read(body, "$.hits[0].externalId")).isEqualTo("refund-policy.md");
        List<Map<String, Object>> citations = JsonPath.read(body, "$.answer.sentences[*].citations[0]");
        List<Map<String, Object>> chunks = JsonPath.read(body, "$.hits[*].chunks[*]");
        List<String> documents = JsonPath.read(body, "$.hits[*].documentId");
        assertThat(citations).isNotEmpty();
        for (Map<String, Object> citation : citations) {
            // Passages are the returned chunks in rank order: passage n is the n-th chunk of the response.
            int passage = (Integer) citation.get("passage");
            Map<String, Object> chunk = chunks.get(passage - 1);
            int chunkStart = (Integer) chunk.get("charStart");
            int from = (Integer) citation.get("charStart") - chunkStart;
            int to = (Integer) citation.get("charEnd") - chunkStart;
            assertThat(((String) chunk.get("text")).substring(from, to)).isEqualTo(citation.get("quote"));
            assertThat(documents).contains((String) citation.get("documentId"));
        }
        assertThat((Double) JsonPath.read(body, "$.timings.answerMs")).isPositive();
    }

    @Test
    void theSameQuestionGetsTheSameAnswerAndTheRepeatComesFromTheCache() throws Exception {
        String first = KnowledgeBase.body(ask("Which plans can I get a full refund for?"));
        MvcResult again = ask("  which plans can I get a FULL refund for?");
        String second = KnowledgeBase.body(again);

        assertThat(again.getResponse().getHeader("X-Cache")).isEqualTo("hit");
        assertThat((Object) JsonPath.read(second, "$.answer")).isEqualTo(JsonPath.read(first, "$.answer"));
        String plainHits = KnowledgeBase.body(kb.query(collection,
                "{\"query\":\"Which plans can I get a full refund for?\"}").andExpect(status().isOk())
                .andExpect(header().string("X-Cache", "miss")).andExpect(jsonPath("$.answer").doesNotExist())
                .andReturn());
        assertThat((Object) JsonPath.read(plainHits, "$.hits")).isEqualTo(JsonPath.read(first, "$.hits"));
    }

    @Test
    void anOffTopicQuestionGetsNotEnoughInformationWithTheClosestHits() throws Exception {
        String body = KnowledgeBase.body(ask("What is the boiling point of liquid nitrogen in Kelvin?"));

        assertThat((String) JsonPath.read(body, "$.answer.status")).isEqualTo("NOT_ENOUGH_INFORMATION");
        assertThat((String) JsonPath.read(body, "$.answer.text")).contains("Not enough information");
        assertThat((String) JsonPath.read(body, "$.answer.reason")).contains("below the threshold");
        assertThat((List<?>) JsonPath.read(body, "$.hits")).isNotEmpty();
    }

    @Test
    void theTraceKeepsTheAnswerItsCitationsAndTheCheck() throws Exception {
        String body = KnowledgeBase.body(ask("How do I turn on two-factor authentication?"));
        String traceId = JsonPath.read(body, "$.traceId");

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                mvc.perform(get("/api/v1/traces/" + traceId)).andExpect(status().isOk())
                        .andExpect(jsonPath("$.params.answer").value(true))
                        .andExpect(jsonPath("$.answer.answerer").value("extractive"))
                        .andExpect(jsonPath("$.answer.modelId").value("bge-small-en-v1.5"))
                        .andExpect(jsonPath("$.answer.status").value(JsonPath.<String>read(body, "$.answer.status")))
                        .andExpect(jsonPath("$.answer.text").value(JsonPath.<String>read(body, "$.answer.text")))
                        .andExpect(jsonPath("$.answer.sentences[0].citations[0].quote").isString())
                        .andExpect(jsonPath("$.answer.check.passed").value(true))
                        .andExpect(jsonPath("$.answer.timings.totalMs", greaterThan(0.0), Double.class))
                        .andExpect(jsonPath("$.timings.answerMs", greaterThan(0.0), Double.class)));
    }

    @Test
    void streamsHitsThenTheAnswerThenTheWholeResultAsServerSentEvents() throws Exception {
        MvcResult started = mvc.perform(post("/api/v1/collections/" + collection + "/query")
                        .contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                        .content("{\"query\":\"When is the pickup request cut-off time?\",\"answer\":true}"))
                .andExpect(request().asyncStarted()).andReturn();
        String stream = KnowledgeBase.body(mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn());

        int hits = stream.indexOf("event:hits");
        int token = stream.indexOf("event:token");
        int result = stream.indexOf("event:result");
        assertThat(hits).isNotNegative();
        assertThat(token).isGreaterThan(hits);
        assertThat(result).isGreaterThan(token);
        assertThat(stream).contains("\"answer\":{\"status\":");
    }

    @Test
    void aStreamForAnUnknownCollectionIsAPlainProblemDetail() throws Exception {
        mvc.perform(post("/api/v1/collections/no-such-collection/query").contentType(MediaType.APPLICATION_JSON)
                        .accept(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_PROBLEM_JSON)
                        .content("{\"query\":\"refunds\",\"answer\":true}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type", containsString("unknown-collection")));
    }

    @Test
    void aNonBooleanAnswerFlagIsRejectedWithTheField() throws Exception {
        kb.query(collection, "{\"query\":\"refunds\",\"answer\":\"maybe\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("answer"));
    }

    @Test
    void aQueryWithoutTheFlagHasNoAnswer() throws Exception {
        kb.query(collection, "{\"query\":\"how do I schedule a pickup\"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.answer").doesNotExist())
                .andExpect(jsonPath("$.hits", hasSize(greaterThan(0))));
    }
}
