package io.supportkb.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.supportkb.ml.embed.Embedder;
import io.supportkb.ml.index.SearchFilters;
import io.supportkb.ml.index.SearchMode;
import io.supportkb.ml.index.SearchRequest;
import io.supportkb.ml.index.VectorFeedback;

/**
 * Question-to-question settings: queries embedded as passages, BM25 weighted down in hybrid fusion, and
 * pseudo-relevance feedback on the kNN retriever.
 */
@SpringBootTest(properties = {
        "supportkb.data-dir=./target/test-data/${random.uuid}",
        "supportkb.indexing.index.poll-interval=50ms",
        "supportkb.search.queries-as-passages=true",
        "supportkb.indexing.index.keyword-weight=0.25",
        "supportkb.search.feedback.documents=3",
        "supportkb.search.feedback.weight=0.5"})
@AutoConfigureMockMvc
class QueriesAsPassagesTest extends CorpusTest {

    @Autowired
    Embedder embedder;

    @Override
    protected String collectionPrefix() {
        return "symmetric";
    }

    @Test
    void embedsTheQueryAsAPassageFeedsBackTheBestDocumentsAndWeighsBm25DownInTheFusion() throws Exception {
        String query = "the labels come out of the printer empty";
        String body = KnowledgeBase.body(kb.query(corpus.collection(), "{\"query\":\"" + query + "\"}").andReturn());

        assertThat((String) JsonPath.read(body, "$.hits[0].externalId")).isEqualTo("blank-labels");
        SearchRequest vectorOnly = new SearchRequest(corpus.collection(), query, embedder.embedQueryAsPassage(query),
                SearchMode.VECTOR, 1, 1, SearchFilters.none(), 0);
        float expected = index.search(vectorOnly.withFeedback(new VectorFeedback(3, 0.5f))).hits().getFirst()
                .scores().vectorCosine();
        float withoutFeedback = index.search(vectorOnly).hits().getFirst().scores().vectorCosine();
        Map<String, Object> scores = JsonPath.read(body, "$.hits[0].scores");
        assertThat(((Number) scores.get("vectorCosine")).floatValue()).isCloseTo(expected, within(1e-6f))
                .as("the cosine is to the query moved by feedback").isNotCloseTo(withoutFeedback, within(1e-4f));
        int vectorRank = (Integer) scores.get("vectorRank");
        int bm25Rank = (Integer) scores.get("bm25Rank");
        assertThat(((Number) scores.get("fusedScore")).doubleValue())
                .isCloseTo(1.0 / (60 + vectorRank) + 0.25 / (60 + bm25Rank), within(1e-9));
    }
}
