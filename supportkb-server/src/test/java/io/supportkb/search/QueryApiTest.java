package io.supportkb.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MvcResult;


@SearchModeTest
class QueryApiTest extends CorpusTest {

    @Override
    protected String collectionPrefix() {
        return "query";
    }

    String c() {
        return corpus.collection();
    }

    @Test
    void hybridSearchPutsTheAnsweringDocumentFirstWithItsScoreBreakdownAndHighlights() throws Exception {
        MvcResult result = kb.query(c(), "{\"query\":\"how do I reset my password?\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mode").value("hybrid"))
                .andExpect(jsonPath("$.topK").value(5))
                .andExpect(jsonPath("$.hits[0].rank").value(1))
                .andExpect(jsonPath("$.hits[0].externalId").value("password"))
                .andExpect(jsonPath("$.hits[0].documentId").value(corpus.id("password")))
                .andExpect(jsonPath("$.hits[0].title").value("Resetting your password"))
                .andExpect(jsonPath("$.hits[0].kind").value("article"))
                .andExpect(jsonPath("$.hits[0].scores.vectorRank").value(1))
                .andExpect(jsonPath("$.hits[0].scores.bm25Rank").value(1))
                .andExpect(jsonPath("$.hits[0].scores.vectorCosine", greaterThan(0.6), Double.class))
                .andExpect(jsonPath("$.hits[0].scores.bm25Score", greaterThan(0.0), Double.class))
                .andExpect(jsonPath("$.hits[0].scores.fusedScore", greaterThan(0.0), Double.class))
                .andExpect(jsonPath("$.hits[0].matchedTerms", is(List.of("reset", "password"))))
                .andExpect(jsonPath("$.hits[0].chunks", hasSize(1)))
                .andExpect(jsonPath("$.hits[0].chunks[0].charStart").value(0))
                .andExpect(jsonPath("$.noGoodMatch").value(false))
                .andExpect(jsonPath("$.noGoodMatchReason", containsString("at or above")))
                .andExpect(jsonPath("$.modelId").value("bge-small-en-v1.5"))
                .andExpect(jsonPath("$.generation", greaterThan(0L), Long.class))
                .andExpect(jsonPath("$.timings.totalMs", greaterThan(0.0), Double.class))
                .andExpect(jsonPath("$.timings.embedMs", greaterThan(0.0), Double.class))
                .andExpect(jsonPath("$.timings.retrieveMs", greaterThan(0.0), Double.class))
                .andExpect(jsonPath("$.timings.vectorMs", greaterThan(0.0), Double.class))
                .andExpect(jsonPath("$.timings.keywordMs", greaterThan(0.0), Double.class))
                .andExpect(jsonPath("$.timings.fuseMs", greaterThan(0.0), Double.class))
                .andExpect(jsonPath("$.timings.fetchMs").isNumber())
                .andReturn();
        String body = KnowledgeBase.body(result);
        String text = JsonPath.read(body, "$.hits[0].chunks[0].text");
        int charEnd = JsonPath.read(body, "$.hits[0].chunks[0].charEnd");
        assertThat(charEnd).isEqualTo(text.length());
        List<Integer> starts = JsonPath.read(body, "$.hits[0].chunks[0].highlights[*].start");
        List<Integer> ends = JsonPath.read(body, "$.hits[0].chunks[0].highlights[*].end");
        List<String> words = new java.util.ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            words.add(text.substring(starts.get(i), ends.get(i)));
        }
        assertThat(words).containsExactly("reset", "password", "Reset", "password");
    }

    @Test
    void vectorSearchFindsTheAnswerWithoutSharedWords() throws Exception {
        kb.query(c(), "{\"query\":\"I forgot my login credentials\",\"mode\":\"vector\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.mode").value("vector"))
                .andExpect(jsonPath("$.hits[0].externalId").value("password"))
                .andExpect(jsonPath("$.hits[0].scores.bm25Rank").value(nullValue()))
                .andExpect(jsonPath("$.hits[0].scores.bm25Score").value(nullValue()))
                .andExpect(jsonPath("$.hits[0].scores.vectorRank").value(1));
    }

    @Test
    void keywordSearchRanksByBm25AndSkipsTheModel() throws Exception {
        kb.query(c(), "{\"query\":\"refund annual plan\",\"mode\":\"keyword\",\"topK\":2}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.hits[0].externalId").value("refunds"))
                .andExpect(jsonPath("$.hits[0].scores.vectorCosine").value(nullValue()))
                .andExpect(jsonPath("$.hits[0].scores.bm25Rank").value(1))
                .andExpect(jsonPath("$.hits[0].chunks[0].highlights[*].term", org.hamcrest.Matchers.hasItems("annual", "plan", "refund")))
                .andExpect(jsonPath("$.timings.embedMs").value(nullValue()))
                .andExpect(jsonPath("$.noGoodMatch").value(false))
                .andExpect(jsonPath("$.noGoodMatchReason", containsString("Keyword mode")));
    }

    @Test
    void filtersApplyInsideTheSearch() throws Exception {
        kb.query(c(), "{\"query\":\"how do I reset my password?\",\"filters\":{\"kind\":[\"faq\",\"runbook\"]}}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.hits[*].kind", everyItem(is(org.hamcrest.Matchers.oneOf("faq", "runbook")))))
                .andExpect(jsonPath("$.hits[*].externalId", not(org.hamcrest.Matchers.hasItem("password"))))
                .andExpect(jsonPath("$.hits", hasSize(2)));
        kb.query(c(), "{\"query\":\"how do I reset my password?\",\"filters\":{\"tags\":\"printing\"}}")
                .andExpect(jsonPath("$.hits[*].externalId", is(List.of("blank-labels"))));
        kb.query(c(), "{\"query\":\"parcel\",\"filters\":{\"language\":\"fr\"}}")
                .andExpect(jsonPath("$.hits[*].externalId", is(List.of("customs"))));
        kb.query(c(), "{\"query\":\"how do I reset my password?\",\"filters\":{\"updatedAfter\":\"2999-01-01\"}}")
                .andExpect(jsonPath("$.hits", hasSize(0)))
                .andExpect(jsonPath("$.noGoodMatch").value(true));
        kb.query(c(), "{\"query\":\"how do I reset my password?\",\"filters\":{\"updatedAfter\":\"2000-01-01T00:00:00Z\"}}")
                .andExpect(jsonPath("$.hits[0].externalId").value("password"));
    }

    @Test
    void saysNoGoodMatchForAnOffTopicQuestion() throws Exception {
        kb.query(c(), "{\"query\":\"Which vaccines does my dog need before staying at a kennel?\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.hits", not(hasSize(0))))
                .andExpect(jsonPath("$.noGoodMatch").value(true))
                .andExpect(jsonPath("$.noGoodMatchReason", containsString("below")));
        kb.query(c(), "{\"query\":\"my thermal printer only prints empty labels\"}")
                .andExpect(jsonPath("$.hits[0].externalId").value("blank-labels"))
                .andExpect(jsonPath("$.noGoodMatch").value(false));
    }

    @Test
    void answersARepeatedQueryFromTheCacheWhateverItsCaseAndSpacing() throws Exception {
        kb.query(c(), "{\"query\":\"Where do refunds go?\"}")
                .andExpect(header().string("X-Cache", "miss"))
                .andExpect(jsonPath("$.cache").value("miss"));
        MvcResult hit = kb.query(c(), "{\"query\":\"  WHERE do\\u00a0refunds   go? \"}")
                .andExpect(header().string("X-Cache", "hit"))
                .andExpect(jsonPath("$.cache").value("hit"))
                .andExpect(jsonPath("$.hits[0].externalId").value("refunds"))
                .andExpect(jsonPath("$.timings.retrieveMs").value(nullValue()))
                .andReturn();
        assertThat(hit.getResponse().getHeader("X-Trace-Id")).isEqualTo(JsonPath.read(KnowledgeBase.body(hit), "$.traceId"));
        kb.query(c(), "{\"query\":\"Where do refunds go?\",\"topK\":3}").andExpect(header().string("X-Cache", "miss"));
        kb.query(c(), "{\"query\":\"Where do refunds go?\",\"mode\":\"vector\"}").andExpect(header().string("X-Cache", "miss"));
        kb.query(c(), "{\"query\":\"Where do refunds go?\",\"filters\":{\"kind\":\"faq\"}}")
                .andExpect(header().string("X-Cache", "miss"));
        kb.query(c(), "{\"query\":\"Where do refunds go?\",\"filters\":{\"kind\":[\"faq\"]}}")
                .andExpect(header().string("X-Cache", "hit"));
    }

    @Test
    void neverServesADeletedDocumentFromTheCache() throws Exception {
        String collection = kb.newCollection("deleted");
        String keep = kb.add(collection, KnowledgeBase.DOCUMENTS.get("refunds"));
        String gone = kb.add(collection, KnowledgeBase.DOCUMENTS.get("password"));
        String query = "{\"query\":\"I need a new password\"}";
        MvcResult first = kb.query(collection, query).andExpect(header().string("X-Cache", "miss"))
                .andExpect(jsonPath("$.hits[0].documentId").value(gone)).andReturn();
        kb.query(collection, query).andExpect(header().string("X-Cache", "hit"))
                .andExpect(jsonPath("$.hits[0].documentId").value(gone));

        kb.delete(collection, gone);

        MvcResult after = kb.query(collection, query)
                .andExpect(header().string("X-Cache", "miss"))
                .andExpect(jsonPath("$.hits[*].documentId", is(List.of(keep))))
                .andReturn();
        long before = ((Number) JsonPath.read(KnowledgeBase.body(first), "$.generation")).longValue();
        long now = ((Number) JsonPath.read(KnowledgeBase.body(after), "$.generation")).longValue();
        assertThat(now).isGreaterThan(before);
    }

    @Test
    void countsCacheHitsAndMissesAndTimesEveryStage() throws Exception {
        kb.query(c(), "{\"query\":\"customs declaration contents\"}");
        kb.query(c(), "{\"query\":\"customs declaration contents\"}");
        mvc.perform(get("/actuator/prometheus"))
                .andExpect(content().string(containsString("supportkb_search_cache_total{cache=\"query\",result=\"hit\"}")))
                .andExpect(content().string(containsString("supportkb_search_cache_total{cache=\"query\",result=\"miss\"}")))
                .andExpect(content().string(containsString("supportkb_search_cache_total{cache=\"embedding\"")))
                .andExpect(content().string(containsString("supportkb_search_normalise_seconds_count")))
                .andExpect(content().string(containsString("supportkb_search_embed_seconds_count")))
                .andExpect(content().string(containsString("supportkb_search_retrieve_seconds_count{application=\"supportkb\",error=\"none\",mode=\"hybrid\"}")))
                .andExpect(content().string(containsString("supportkb_search_assemble_seconds_count")))
                .andExpect(content().string(containsString("supportkb_search_query_seconds_count{application=\"supportkb\",cache=\"hit\"")));
    }
}
