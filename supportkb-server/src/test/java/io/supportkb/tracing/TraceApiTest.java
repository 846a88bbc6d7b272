package io.supportkb.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.JsonPath;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import io.supportkb.indexing.LiveIndex;
import io.supportkb.search.KnowledgeBase;
import io.supportkb.search.SearchModeTest;
import io.supportkb.shared.UuidV7;

@SearchModeTest
@ExtendWith(OutputCaptureExtension.class)
class TraceApiTest {

    static final String PROBLEMS = "https://supportkb.io/problems/";

    @Autowired
    MockMvc mvc;
    @Autowired
    LiveIndex index;
    @Autowired
    JdbcClient jdbc;

    KnowledgeBase kb() {
        return new KnowledgeBase(mvc, index);
    }

    String traceId(MvcResult result) {
        return result.getResponse().getHeader("X-Trace-Id");
    }

    void awaitStored(String traceId) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM query_trace WHERE id = ?").param(traceId).query(Long.class).single() == 1);
    }

    @Test
    void storesATraceOfEveryQueryWithItsParametersTimingsAndHits(CapturedOutput output) throws Exception {
        KnowledgeBase kb = kb();
        String c = kb.newCollection("traced");
        String refunds = kb.add(c, KnowledgeBase.DOCUMENTS.get("refunds"));
        String query = "{\"query\":\"When do I get a refund?\",\"topK\":3,\"filters\":{\"tags\":[\"billing\"]}}";
        String miss = traceId(kb.query(c, query).andReturn());
        String hit = traceId(kb.query(c, query).andReturn());
        assertThat(miss).isNotEqualTo(hit);

        // readable at once (from the writer's queue or the table), then durably stored
        mvc.perform(get("/api/v1/traces/" + miss)).andExpect(status().isOk()).andExpect(jsonPath("$.id").value(miss));
        awaitStored(miss);
        awaitStored(hit);
        MvcResult stored = mvc.perform(get("/api/v1/traces/" + miss))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.collection").value(c))
                .andExpect(jsonPath("$.query").value("When do I get a refund?"))
                .andExpect(jsonPath("$.caller").value("ip:127.0.0.1"))
                .andExpect(jsonPath("$.params.topK").value(3))
                .andExpect(jsonPath("$.params.mode").value("hybrid"))
                .andExpect(jsonPath("$.params.chunksPerDocument").value(1))
                .andExpect(jsonPath("$.params.filters.tags", is(List.of("billing"))))
                .andExpect(jsonPath("$.cache").value("miss"))
                .andExpect(jsonPath("$.modelId").value("bge-small-en-v1.5"))
                .andExpect(jsonPath("$.generation", greaterThan(0L), Long.class))
                .andExpect(jsonPath("$.timings.embedMs", greaterThan(0.0), Double.class))
                .andExpect(jsonPath("$.timings.retrieveMs", greaterThan(0.0), Double.class))
                .andExpect(jsonPath("$.latencyMs", greaterThan(0.0), Double.class))
                .andExpect(jsonPath("$.noGoodMatch").value(false))
                .andExpect(jsonPath("$.hits", hasSize(1)))
                .andExpect(jsonPath("$.hits[0].rank").value(1))
                .andExpect(jsonPath("$.hits[0].documentId").value(refunds))
                .andExpect(jsonPath("$.hits[0].chunkOrdinal").value(0))
                .andExpect(jsonPath("$.hits[0].scores.vectorRank").value(1))
                .andExpect(jsonPath("$.hits[0].scores.vectorCosine", greaterThan(0.5), Double.class))
                .andExpect(jsonPath("$.hits[0].scores.bm25Rank").value(1))
                .andReturn();
        mvc.perform(get("/api/v1/traces/" + hit)).andExpect(jsonPath("$.cache").value("hit"))
                .andExpect(jsonPath("$.timings.retrieveMs").doesNotExist());

        // the log lines of the request carry the OpenTelemetry trace id stored with the trace
        String otel = JsonPath.read(KnowledgeBase.body(stored), "$.otelTraceId");
        assertThat(otel).matches("[0-9a-f]{32}");
        assertThat(output.getOut().lines().filter(l -> l.contains("query " + miss + " on " + c)).toList())
                .singleElement().satisfies(line -> assertThat(line).contains("[" + otel + "-"));
    }

    @Test
    void listsACollectionsTracesNewestFirstWithFilters() throws Exception {
        KnowledgeBase kb = kb();
        String c = kb.newCollection("listed");
        kb.add(c, KnowledgeBase.DOCUMENTS.get("carrier-outage"));
        String first = traceId(kb.query(c, "{\"query\":\"carrier down\"}").andReturn());
        String second = traceId(kb.query(c, "{\"query\":\"carrier down\"}").andReturn());
        String third = traceId(kb.query(c, "{\"query\":\"status page\",\"mode\":\"keyword\"}").andReturn());
        List.of(first, second, third).forEach(this::awaitStored);
        String traces = "/api/v1/collections/" + c + "/traces";
        mvc.perform(get(traces))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.items[*].id", is(List.of(third, second, first))))
                .andExpect(jsonPath("$.items[0].query").value("status page"))
                .andExpect(jsonPath("$.items[0].hitCount").value(1));
        mvc.perform(get(traces).param("cache", "hit")).andExpect(jsonPath("$.items[*].id", is(List.of(second))));
        mvc.perform(get(traces).param("cache", "miss")).andExpect(jsonPath("$.total").value(2));
        mvc.perform(get(traces).param("minLatencyMs", "100000")).andExpect(jsonPath("$.total").value(0));
        mvc.perform(get(traces).param("from", "2999-01-01")).andExpect(jsonPath("$.total").value(0));
        mvc.perform(get(traces).param("to", "2000-01-01T00:00:00Z")).andExpect(jsonPath("$.total").value(0));
        mvc.perform(get(traces).param("from", "2000-01-01").param("size", "1").param("page", "1"))
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.items[*].id", is(List.of(second))));
        mvc.perform(get(traces).param("cache", "maybe"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("cache"));
        mvc.perform(get(traces).param("from", "last week"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("from"));
        mvc.perform(get(traces).param("size", "0"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("size"));
        mvc.perform(get(traces).param("minLatencyMs", "fast"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("minLatencyMs"));
        mvc.perform(get("/api/v1/collections/no-such-collection/traces")).andExpect(status().isNotFound());
    }

    @Test
    void replaysATraceAgainstTodaysIndexAndReportsAddedRemovedAndMovedHits() throws Exception {
        KnowledgeBase kb = kb();
        String c = kb.newCollection("replayed");
        String refunds = kb.add(c, KnowledgeBase.DOCUMENTS.get("refunds"));
        String customs = kb.add(c, KnowledgeBase.DOCUMENTS.get("customs"));
        String password = kb.add(c, KnowledgeBase.DOCUMENTS.get("password"));
        String query = "{\"query\":\"can I get my money back after I paid\",\"topK\":3}";
        MvcResult original = kb.query(c, query).andExpect(jsonPath("$.hits[0].documentId").value(refunds)).andReturn();
        String trace = traceId(original);
        List<String> before = JsonPath.read(KnowledgeBase.body(original), "$.hits[*].documentId");
        assertThat(before).containsExactlyInAnyOrder(refunds, customs, password);

        String better = kb.add(c, """
                {"externalId":"money-back","title":"Getting your money back","kind":"faq",
                 "text":"Can I get my money back after I paid? Yes: ask for a refund within 14 days and the money \
                goes back to the card you paid with."}""");
        kb.delete(c, customs);

        mvc.perform(post("/api/v1/traces/" + trace + "/replay"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.traceId").value(trace))
                .andExpect(jsonPath("$.query").value("can I get my money back after I paid"))
                .andExpect(jsonPath("$.params.topK").value(3))
                .andExpect(jsonPath("$.generationNow", greaterThan(
                        ((Number) JsonPath.read(KnowledgeBase.body(original), "$.generation")).longValue()), Long.class))
                .andExpect(jsonPath("$.hits[0].documentId").value(better))
                .andExpect(jsonPath("$.added[*].documentId", is(List.of(better))))
                .andExpect(jsonPath("$.added[0].newRank").value(1))
                .andExpect(jsonPath("$.removed[*].documentId", is(List.of(customs))))
                .andExpect(jsonPath("$.removed[0].newRank").doesNotExist())
                .andExpect(jsonPath("$.moved[*].documentId", org.hamcrest.Matchers.hasItem(refunds)))
                .andExpect(jsonPath("$.moved[0].oldRank").value(1))
                .andExpect(jsonPath("$.moved[0].newRank").value(2));
        // a replay bypasses the cache and is not traced itself
        assertThat(jdbc.sql("SELECT COUNT(*) FROM query_trace WHERE collection_id = ?").param(c).query(Long.class)
                .single()).isLessThanOrEqualTo(1);
    }

    @Test
    void answersAnUnknownTraceWith404() throws Exception {
        mvc.perform(get("/api/v1/traces/" + UuidV7.next()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "unknown-trace"));
        mvc.perform(get("/api/v1/traces/not-an-id")).andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/traces/" + UuidV7.next() + "/replay")).andExpect(status().isNotFound());
    }

    @Test
    void deletesTheTracesOfADeletedCollection() throws Exception {
        KnowledgeBase kb = kb();
        String c = kb.newCollection("forgotten");
        String trace = traceId(kb.query(c, "{\"query\":\"anything\"}").andReturn());
        awaitStored(trace);
        mvc.perform(delete("/api/v1/collections/" + c)).andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/traces/" + trace)).andExpect(status().isNotFound());
    }
}
