package io.supportkb.search;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.supportkb.shared.UuidV7;

@SearchModeTest
class ExplainApiTest extends CorpusTest {

    static final String RESET = "how do I reset my password?";

    @Override
    protected String collectionPrefix() {
        return "explain";
    }

    String explain(String query, String externalId, String extra) {
        return "{\"query\":" + KnowledgeBase.json(query) + ",\"documentId\":\"" + corpus.id(externalId) + "\"" + extra
                + "}";
    }

    @Test
    void explainsAReturnedDocumentWithItsRanksScoresAndBestChunk() throws Exception {
        kb.explain(corpus.collection(), explain(RESET, "password", ""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.document.exists").value(true))
                .andExpect(jsonPath("$.document.status").value("INDEXED"))
                .andExpect(jsonPath("$.document.indexed").value(true))
                .andExpect(jsonPath("$.document.foundInIndex").value(true))
                .andExpect(jsonPath("$.document.externalId").value("password"))
                .andExpect(jsonPath("$.returned").value(true))
                .andExpect(jsonPath("$.resultRank").value(1))
                .andExpect(jsonPath("$.rank").value(1))
                .andExpect(jsonPath("$.vector.rank").value(1))
                .andExpect(jsonPath("$.vector.score", greaterThan(0.6), Double.class))
                .andExpect(jsonPath("$.vector.chunkOrdinal").value(0))
                .andExpect(jsonPath("$.keyword.rank").value(1))
                .andExpect(jsonPath("$.keyword.score", greaterThan(0.0), Double.class))
                .andExpect(jsonPath("$.keyword.matchedTerms", is(List.of("reset", "password"))))
                .andExpect(jsonPath("$.bestChunk.ordinal").value(0))
                .andExpect(jsonPath("$.bestChunk.highlights[0].term").value("reset"))
                .andExpect(jsonPath("$.filters.excluded").value(false))
                .andExpect(jsonPath("$.candidates").value(1000))
                .andExpect(jsonPath("$.verdict").value("Returned at rank 1 of 5."));
    }

    @Test
    void saysWhichFilterExcludesADocumentAndWhereItWouldRankWithoutIt() throws Exception {
        kb.explain(corpus.collection(), explain(RESET, "password", ",\"filters\":{\"kind\":\"faq\",\"tags\":[\"billing\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.filters.excluded").value(true))
                .andExpect(jsonPath("$.filters.reasons[0]", startsWith("kind: the document is 'article'")))
                .andExpect(jsonPath("$.filters.reasons[1]", startsWith("tags: the document has [account]")))
                .andExpect(jsonPath("$.ranksWithoutFilters").value(true))
                .andExpect(jsonPath("$.rank").value(1))
                .andExpect(jsonPath("$.returned").value(false))
                .andExpect(jsonPath("$.verdict", startsWith("Not returned: the filters exclude it")));
    }

    @Test
    void explainsADocumentRankedBelowTheTopK() throws Exception {
        kb.explain(corpus.collection(), explain(RESET, "refunds", ",\"topK\":1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.returned").value(false))
                .andExpect(jsonPath("$.rank", greaterThan(1L), Long.class))
                .andExpect(jsonPath("$.vector.score").isNumber())
                .andExpect(jsonPath("$.verdict", containsString("search and topK is 1.")));
    }

    @Test
    void explainsAKeywordMissWhenTheDocumentSharesNoWordWithTheQuery() throws Exception {
        kb.explain(corpus.collection(), explain("I forgot my login credentials", "password", ",\"mode\":\"keyword\""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.keyword.rank").doesNotExist())
                .andExpect(jsonPath("$.keyword.matchedTerms").isEmpty())
                .andExpect(jsonPath("$.vector.rank").value(1))
                .andExpect(jsonPath("$.returned").value(false))
                .andExpect(jsonPath("$.verdict", containsString("in keyword search it is not among the 1000 best")));
    }

    @Test
    void explainsThatADeletedDocumentIsNeverReturned() throws Exception {
        String collection = kb.newCollection("explain-deleted");
        String id = kb.add(collection, KnowledgeBase.DOCUMENTS.get("customs"));
        kb.delete(collection, id);
        kb.explain(collection, "{\"query\":\"customs declaration\",\"documentId\":\"" + id + "\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.document.status").value("DELETED"))
                .andExpect(jsonPath("$.document.indexed").value(false))
                .andExpect(jsonPath("$.returned").value(false))
                .andExpect(jsonPath("$.verdict", containsString("deleted documents are never returned")));
    }

    @Test
    void saysWhenTheDocumentDoesNotExist() throws Exception {
        String unknown = UuidV7.next();
        kb.explain(corpus.collection(), "{\"query\":\"x\",\"documentId\":\"" + unknown + "\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.document.exists").value(false))
                .andExpect(jsonPath("$.verdict", containsString("No document '" + unknown + "'")));
    }

    @Test
    void rejectsAMissingOrMalformedDocumentIdAndAnUnknownCollection() throws Exception {
        kb.explain(corpus.collection(), "{\"query\":\"x\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("documentId"));
        kb.explain(corpus.collection(), "{\"query\":\"x\",\"documentId\":\"abc\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("documentId"));
        kb.explain(corpus.collection(), "{\"query\":\" \",\"documentId\":\"" + corpus.id("password") + "\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("query"));
        kb.explain(corpus.collection(), "{\"query\":\"x\",\"documentId\":\"" + corpus.id("password") + "\",\"why\":1}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("why"));
        kb.explain("no-such-collection", "{\"query\":\"x\",\"documentId\":\"" + corpus.id("password") + "\"}")
                .andExpect(status().isNotFound());
    }
}
