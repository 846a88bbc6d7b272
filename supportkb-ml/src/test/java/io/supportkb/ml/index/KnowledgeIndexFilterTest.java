package io.supportkb.ml.index;

import static io.supportkb.ml.index.TestChunks.COLLECTION;
import static io.supportkb.ml.index.TestChunks.axis;
import static io.supportkb.ml.index.TestChunks.blend;
import static io.supportkb.ml.index.TestChunks.chunk;
import static io.supportkb.ml.index.TestChunks.documentIds;
import static io.supportkb.ml.index.TestChunks.index;
import static io.supportkb.ml.index.TestChunks.negate;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 40 "near" documents sit around the query vector; 6 "far" ones point the other way and are the only
 * ones with kind faq, tag sso, language de and a late update time. With a candidate depth of 5, a
 * post-filter over the 5 nearest chunks would find no far document at all: getting topK far documents
 * back proves the filter runs inside the kNN search. Their longer texts do the same for BM25.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KnowledgeIndexFilterTest {

    private static final float[] QUERY = axis(0);
    private static final int CANDIDATES = 5;
    private static final int TOP_K = 3;

    private KnowledgeIndex index;

    /** The defaults: 47 chunks are scanned exactly ({@link KnowledgeIndexFilterHnswTest} walks the graph). */
    IndexConfig config() {
        return IndexConfig.defaults();
    }

    @BeforeAll
    void indexNearAndFarDocuments() {
        index = KnowledgeIndex.inMemory(config());
        Random random = new Random(42);
        for (int i = 0; i < 40; i++) {
            index(index, chunk("near-" + i, 0)
                    .vector(blend(QUERY, TestChunks.random(random), 0.1f))
                    .text("refund request near " + i)
                    .kind("article").tags("billing").language("en").updatedAt(1_000).build());
        }
        for (int i = 0; i < 6; i++) {
            index(index, chunk("far-" + i, 0)
                    .vector(blend(negate(QUERY), TestChunks.random(random), 0.1f))
                    // Longer text: far documents also lose the BM25 ranking without a filter.
                    .text("refund escalation for the regional office team and its partners " + i)
                    .kind(i % 2 == 0 ? "faq" : "runbook").tags("sso", "far-" + i).language("de").updatedAt(5_000)
                    .build());
        }
        index(index, chunk("other-collection", 0).collection("globex").vector(QUERY).text("refund").build());
    }

    @AfterAll
    void close() {
        index.close();
    }

    static Stream<Arguments> filtersMatchingOnlyFarDocuments() {
        return Stream.of(
                Arguments.of("kinds", new SearchFilters(Set.of("faq", "runbook"), null, null, null)),
                Arguments.of("tags", new SearchFilters(null, Set.of("sso", "no-such-tag"), null, null)),
                Arguments.of("language", new SearchFilters(null, null, "de", null)),
                Arguments.of("updatedAfter", new SearchFilters(null, null, null, 4_999L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filtersMatchingOnlyFarDocuments")
    void filterAppliesInsideTheKnnSearchNotAfterIt(String name, SearchFilters filters) {
        SearchResult result = index.search(request(SearchMode.VECTOR, filters));

        assertThat(documentIds(result)).hasSize(TOP_K).allMatch(id -> id.startsWith("far-"));
        assertThat(result.hits()).allSatisfy(hit -> assertThat(hit.scores().vectorCosine()).isNegative());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filtersMatchingOnlyFarDocuments")
    void filterAppliesInsideTheKeywordSearch(String name, SearchFilters filters) {
        SearchResult result = index.search(request(SearchMode.KEYWORD, filters));

        assertThat(documentIds(result)).hasSize(TOP_K).allMatch(id -> id.startsWith("far-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filtersMatchingOnlyFarDocuments")
    void filterAppliesToBothRetrieversOfAHybridSearch(String name, SearchFilters filters) {
        SearchResult result = index.search(request(SearchMode.HYBRID, filters));

        assertThat(documentIds(result)).hasSize(TOP_K).allMatch(id -> id.startsWith("far-"));
        assertThat(result.hits()).allSatisfy(hit -> {
            assertThat(hit.scores().vectorRank()).isNotNull();
            assertThat(hit.scores().bm25Rank()).isNotNull();
        });
    }

    @Test
    void withoutFiltersTheNearDocumentsWin() {
        assertThat(documentIds(index.search(request(SearchMode.VECTOR, SearchFilters.none()))))
                .hasSize(TOP_K).allMatch(id -> id.startsWith("near-"));
        assertThat(documentIds(index.search(request(SearchMode.KEYWORD, SearchFilters.none()))))
                .hasSize(TOP_K).allMatch(id -> id.startsWith("near-"));
    }

    @Test
    void kindsMatchAnyOfTheGivenKinds() {
        SearchFilters runbooksOnly = new SearchFilters(Set.of("runbook"), null, null, null);

        SearchResult result = index.search(request(SearchMode.VECTOR, runbooksOnly));

        assertThat(documentIds(result)).containsExactlyInAnyOrder("far-1", "far-3", "far-5");
        assertThat(result.hits()).extracting(DocumentHit::kind).containsOnly("runbook");
    }

    @Test
    void tagsMatchAnyOfTheGivenTags() {
        SearchFilters twoTags = new SearchFilters(null, Set.of("far-2", "far-4"), null, null);

        assertThat(documentIds(index.search(request(SearchMode.VECTOR, twoTags))))
                .containsExactlyInAnyOrder("far-2", "far-4");
    }

    @Test
    void updatedAfterIsStrict() {
        SearchFilters atTheInstant = new SearchFilters(null, null, null, 5_000L);

        assertThat(index.search(request(SearchMode.VECTOR, atTheInstant)).hits()).isEmpty();
    }

    @Test
    void filtersCombineWithAnd() {
        SearchFilters faqInGerman = new SearchFilters(Set.of("faq"), Set.of("far-1", "far-2"), "de", 4_999L);

        assertThat(documentIds(index.search(request(SearchMode.HYBRID, faqInGerman)))).containsExactly("far-2");
    }

    @Test
    void neverReturnsAnotherCollectionsDocuments() {
        SearchResult result = index.search(new SearchRequest(COLLECTION, "refund", QUERY, SearchMode.HYBRID, 100, 1,
                SearchFilters.none(), 1_000));

        assertThat(documentIds(result)).hasSize(46).doesNotContain("other-collection");
    }

    private static SearchRequest request(SearchMode mode, SearchFilters filters) {
        return new SearchRequest(COLLECTION, "refund", QUERY, mode, TOP_K, 1, filters, CANDIDATES);
    }
}
