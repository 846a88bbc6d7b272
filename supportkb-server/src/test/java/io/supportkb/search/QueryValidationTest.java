package io.supportkb.search;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import io.supportkb.indexing.LiveIndex;

/** Every bad query is a problem detail naming the field (and the limit), never a 500. */
@SearchModeTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryValidationTest {

    static final String PROBLEMS = "https://supportkb.io/problems/";

    @Autowired
    MockMvc mvc;
    @Autowired
    LiveIndex index;
    @Autowired
    QueryService queries;

    KnowledgeBase kb;
    String collection;

    @BeforeAll
    void collection() throws Exception {
        kb = new KnowledgeBase(mvc, index);
        collection = kb.newCollection("invalid");
    }

    static Stream<Arguments> badQueries() {
        return Stream.of(
                Arguments.of("{}", "invalid-field", "query"),
                Arguments.of("{\"query\":\"\"}", "invalid-field", "query"),
                Arguments.of("{\"query\":\"  \\t\\n \\u200b \"}", "invalid-field", "query"),
                Arguments.of("{\"query\":null}", "invalid-field", "query"),
                Arguments.of("{\"query\":\"x\",\"topK\":0}", "invalid-field", "topK"),
                Arguments.of("{\"query\":\"x\",\"topK\":101}", "invalid-field", "topK"),
                Arguments.of("{\"query\":\"x\",\"topK\":\"five\"}", "invalid-field", "topK"),
                Arguments.of("{\"query\":\"x\",\"topK\":[1]}", "invalid-field", "topK"),
                Arguments.of("{\"query\":\"x\",\"mode\":\"semantic\"}", "invalid-field", "mode"),
                Arguments.of("{\"query\":\"x\",\"chunksPerDocument\":6}", "invalid-field", "chunksPerDocument"),
                Arguments.of("{\"query\":\"x\",\"chunksPerDocument\":0}", "invalid-field", "chunksPerDocument"),
                Arguments.of("{\"query\":\"x\",\"topk\":3}", "invalid-field", "topk"),
                Arguments.of("{\"query\":\"x\",\"filters\":{\"color\":\"red\"}}", "invalid-field", "filters.color"),
                Arguments.of("{\"query\":\"x\",\"filters\":{\"kind\":[\"blog\"]}}", "invalid-field", "filters.kind[0]"),
                Arguments.of("{\"query\":\"x\",\"filters\":{\"tags\":[\"\"]}}", "invalid-field", "filters.tags[0]"),
                Arguments.of("{\"query\":\"x\",\"filters\":{\"tags\":{\"a\":1}}}", "invalid-field", "filters.tags"),
                Arguments.of("{\"query\":\"x\",\"filters\":{\"updatedAfter\":\"yesterday\"}}", "invalid-field",
                        "filters.updatedAfter"),
                Arguments.of("{\"query\":\"x\",\"filters\":\"faq\"}", "invalid-field", "filters"),
                Arguments.of("{\"query\":{\"text\":\"x\"}}", "invalid-field", "query"),
                Arguments.of("{\"query\":\"x\"", "malformed-json", "body"),
                Arguments.of("[]", "invalid-field", "body"));
    }

    @ParameterizedTest
    @MethodSource("badQueries")
    void rejectsABadQueryWithAProblemNamingTheField(String body, String type, String field) throws Exception {
        kb.query(collection, body)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEMS + type))
                .andExpect(jsonPath("$.field").value(field));
    }

    @Test
    void rejectsAQueryOverTheCharacterLimitWithTheLimit() throws Exception {
        kb.query(collection, "{\"query\":\"" + "a".repeat(2001) + "\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "query-too-long"))
                .andExpect(jsonPath("$.limit").value(2000))
                .andExpect(jsonPath("$.unit").value("chars"));
    }

    @Test
    void rejectsAQueryOverTheModelsTokenLimitWithTheLimit() throws Exception {
        kb.query(collection, "{\"query\":\"" + "ab ".repeat(600) + "\",\"mode\":\"keyword\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "query-too-long"))
                .andExpect(jsonPath("$.unit").value("tokens"))
                .andExpect(jsonPath("$.limit").value(queries.maxQueryTokens()))
                .andExpect(jsonPath("$.detail").value("The query has 600 tokens; the limit is " + queries.maxQueryTokens()
                        + " tokens."));
    }

    @Test
    void answersAnUnknownCollectionWith404() throws Exception {
        kb.query("no-such-collection", "{\"query\":\"x\"}")
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "unknown-collection"))
                .andExpect(jsonPath("$.collection").value("no-such-collection"));
    }

    @Test
    void rejectsABodyThatIsNotJson() throws Exception {
        mvc.perform(post("/api/v1/collections/" + collection + "/query").contentType(MediaType.TEXT_PLAIN)
                        .content("reset password"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.type").value(PROBLEMS + "unsupported-request-type"));
    }

    @Test
    void answersAQueryOverAnEmptyCollectionWithNoGoodMatch() throws Exception {
        kb.query(collection, "{\"query\":\"anything at all\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.hits").isEmpty())
                .andExpect(jsonPath("$.noGoodMatch").value(true));
    }
}
