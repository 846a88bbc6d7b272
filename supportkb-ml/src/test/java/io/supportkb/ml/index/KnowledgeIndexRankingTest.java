package io.supportkb.ml.index;

import static io.supportkb.ml.index.TestChunks.COLLECTION;
import static io.supportkb.ml.index.TestChunks.axis;
import static io.supportkb.ml.index.TestChunks.blend;
import static io.supportkb.ml.index.TestChunks.chunk;
import static io.supportkb.ml.index.TestChunks.chunkIds;
import static io.supportkb.ml.index.TestChunks.cosine;
import static io.supportkb.ml.index.TestChunks.documentIds;
import static io.supportkb.ml.index.TestChunks.hybridQuery;
import static io.supportkb.ml.index.TestChunks.index;
import static io.supportkb.ml.index.TestChunks.keywordQuery;
import static io.supportkb.ml.index.TestChunks.negate;
import static io.supportkb.ml.index.TestChunks.vectorQuery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KnowledgeIndexRankingTest {

    private static final double EXACT = 1e-12;
    private static final float COSINE_TOLERANCE = 1e-5f;

    private KnowledgeIndex index = KnowledgeIndex.inMemory(IndexConfig.defaults());

    @AfterEach
    void close() {
        index.close();
    }

    /** kNN (k = 2) returns a, b; BM25 (k = 2) returns b, c; the request asks for both, hybrid. */
    private SearchRequest indexThreeDocumentsTheRetrieversDisagreeOn() {
        index(index, chunk("a", 0).title(null).text("shipping carriers and delivery times").vector(axis(0)).build());
        index(index, chunk("b", 0).title(null).text("password reset: reset your password").vector(blend(axis(0), axis(1), 0.5f)).build());
        index(index, chunk("c", 0).title(null).text("password policy overview for admins").vector(axis(1)).build());
        return new SearchRequest(COLLECTION, "reset password", axis(0), SearchMode.HYBRID, 10, 1,
                SearchFilters.none(), 2);
    }

    @Test
    void hybridFusesDocumentRanksByReciprocalRankFusion() {
        SearchRequest request = indexThreeDocumentsTheRetrieversDisagreeOn();

        List<DocumentHit> hits = index.search(request).hits();

        int k = IndexConfig.defaults().rrfK();
        assertThat(hits).extracting(DocumentHit::documentId).containsExactly("b", "a", "c");
        assertThat(hits).extracting(DocumentHit::rank).containsExactly(1, 2, 3);
        DocumentHit b = hits.get(0);
        DocumentHit a = hits.get(1);
        DocumentHit c = hits.get(2);
        assertThat(b.scores().vectorRank()).isEqualTo(2);
        assertThat(b.scores().bm25Rank()).isEqualTo(1);
        assertThat(b.score()).isCloseTo(1.0 / (k + 2) + 1.0 / (k + 1), within(EXACT));
        assertThat(a.scores().vectorRank()).isEqualTo(1);
        assertThat(a.scores().bm25Rank()).isNull();
        assertThat(a.scores().bm25Score()).isNull();
        assertThat(a.score()).isCloseTo(1.0 / (k + 1), within(EXACT));
        assertThat(c.scores().vectorRank()).isNull();
        assertThat(c.scores().vectorCosine()).isNull();
        assertThat(c.scores().bm25Rank()).isEqualTo(2);
        assertThat(c.score()).isCloseTo(1.0 / (k + 2), within(EXACT));
        assertThat(hits).allSatisfy(hit -> assertThat(hit.scores().fusedScore()).isEqualTo(hit.score()));
    }

    @Test
    void hybridWithConvexFusionCombinesNormalisedScores() {
        index.close();
        float lambda = 0.4f;
        index = KnowledgeIndex.inMemory(IndexConfig.defaults().withFusion(Fusion.CONVEX, lambda));
        SearchRequest request = indexThreeDocumentsTheRetrieversDisagreeOn();

        List<DocumentHit> hits = index.search(request).hits();

        DocumentHit a = hits.stream().filter(hit -> hit.documentId().equals("a")).findFirst().orElseThrow();
        DocumentHit b = hits.stream().filter(hit -> hit.documentId().equals("b")).findFirst().orElseThrow();
        DocumentHit c = hits.stream().filter(hit -> hit.documentId().equals("c")).findFirst().orElseThrow();
        double best = a.scores().vectorCosine();
        double lowest = b.scores().vectorCosine();
        double maxBm25 = b.scores().bm25Score();
        assertThat(a.score()).isCloseTo((1 - lambda) * 1.0, within(1e-6));
        assertThat(b.score()).isCloseTo((1 - lambda) * (lowest + 1) / (best + 1) + lambda * 1.0, within(1e-6));
        // c: not among the kNN candidates, so bounded by the lowest candidate cosine, b's.
        assertThat(c.score()).isCloseTo((1 - lambda) * (lowest + 1) / (best + 1)
                + lambda * c.scores().bm25Score() / maxBm25, within(1e-6));
        assertThat(hits).extracting(DocumentHit::documentId).containsExactly("b", "c", "a");
    }

    @Test
    void scoreBreakdownExplainsTheHit() {
        float[] documentVector = blend(axis(0), axis(2), 0.75f);
        index(index, chunk("guide", 0).title("Account help").context("Security > Passwords")
                .text("To reset a forgotten password, open the login page.").vector(documentVector).build());
        index(index, chunk("other", 0).text("Shipping rates").vector(axis(3)).build());

        SearchResult result = index.search(hybridQuery("Resetting passwords? Account", axis(0), 1));

        DocumentHit hit = result.hits().getFirst();
        assertThat(hit.documentId()).isEqualTo("guide");
        assertThat(hit.title()).isEqualTo("Account help");
        assertThat(hit.kind()).isEqualTo("article");
        ScoreBreakdown scores = hit.scores();
        assertThat(scores.vectorCosine()).isCloseTo((float) cosine(axis(0), documentVector), within(COSINE_TOLERANCE));
        assertThat(scores.vectorRank()).isEqualTo(1);
        assertThat(scores.bm25Score()).isPositive();
        assertThat(scores.bm25Rank()).isEqualTo(1);
        assertThat(scores.fusedScore()).isCloseTo(2.0 / (IndexConfig.defaults().rrfK() + 1), within(EXACT));
        // Analysed (stemmed, lower-cased) query terms, in query order; title and context count too.
        assertThat(scores.matchedTerms()).containsExactly("reset", "password", "account");
        ChunkHit chunk = hit.chunks().getFirst();
        assertThat(chunk.text()).isEqualTo("To reset a forgotten password, open the login page.");
        assertThat(chunk.charStart()).isZero();
        assertThat(chunk.charEnd()).isEqualTo(chunk.text().length());
        assertThat(chunk.scores()).isEqualTo(scores);
    }

    @Test
    void vectorModeReportsCosineInMinusOneToOne() {
        index(index, chunk("same", 0).vector(axis(0)).build());
        index(index, chunk("orthogonal", 0).vector(axis(1)).build());
        index(index, chunk("opposite", 0).vector(negate(axis(0))).build());

        List<DocumentHit> hits = index.search(vectorQuery(axis(0), 3)).hits();

        assertThat(hits).extracting(DocumentHit::documentId).containsExactly("same", "orthogonal", "opposite");
        assertThat(hits).extracting(hit -> hit.scores().vectorCosine())
                .satisfiesExactly(
                        cos -> assertThat(cos).isCloseTo(1f, within(COSINE_TOLERANCE)),
                        cos -> assertThat(cos).isCloseTo(0f, within(COSINE_TOLERANCE)),
                        cos -> assertThat(cos).isCloseTo(-1f, within(COSINE_TOLERANCE)));
        assertThat(hits).allSatisfy(hit -> {
            assertThat(hit.score()).isEqualTo(hit.scores().vectorCosine().doubleValue());
            assertThat(hit.scores().bm25Score()).isNull();
            assertThat(hit.scores().bm25Rank()).isNull();
        });
    }

    @Test
    void keywordModeRanksByBm25() {
        index(index, chunk("weak", 0).title(null).text("invoice copy requested by a customer from the shop").build());
        index(index, chunk("strong", 0).title(null).text("invoice invoice invoice").build());
        index(index, chunk("none", 0).title(null).text("shipping").build());

        List<DocumentHit> hits = index.search(keywordQuery("invoices", 10)).hits();

        assertThat(hits).extracting(DocumentHit::documentId).containsExactly("strong", "weak");
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
        assertThat(hits).allSatisfy(hit -> {
            assertThat(hit.score()).isEqualTo(hit.scores().bm25Score().doubleValue());
            assertThat(hit.scores().vectorCosine()).isNull();
        });
    }

    @Test
    void documentsAreRankedByTheirBestChunkAndCarryTheirBestChunksFirst() {
        index.replaceDocument(COLLECTION, "long", List.of(
                chunk("long", 0).vector(axis(1)).build(),
                chunk("long", 1).vector(axis(0)).build(),
                chunk("long", 2).vector(blend(axis(0), axis(1), 0.5f)).build()));
        index(index, chunk("short", 0).vector(blend(axis(0), axis(1), 0.6f)).build());
        SearchRequest request = new SearchRequest(COLLECTION, null, axis(0), SearchMode.VECTOR, 2, 2,
                SearchFilters.none(), 0);

        List<DocumentHit> hits = index.search(request).hits();

        assertThat(hits).extracting(DocumentHit::documentId).containsExactly("long", "short");
        assertThat(hits.get(0).scores().vectorRank()).isEqualTo(1);
        // Chunk order is long#1, long#2, short#0, long#0: documents rank 1 and 2, chunks keep their own rank.
        assertThat(hits.get(1).scores().vectorRank()).isEqualTo(2);
        assertThat(hits.get(1).chunks().getFirst().scores().vectorRank()).isEqualTo(3);
        assertThat(chunkIds(hits.get(0))).containsExactly("acme/long#1", "acme/long#2");
        assertThat(hits.get(0).chunks()).extracting(chunk -> chunk.scores().vectorRank()).containsExactly(1, 2);
    }

    @Test
    void defaultCandidateDepthCoversTopKTimesChunksPerDocument() {
        index.close();
        index = KnowledgeIndex.inMemory(new IndexConfig(16, 100, 60, 1, 0.9f, 0.4f));
        index.replaceDocument(COLLECTION, "crowded", List.of(
                chunk("crowded", 0).vector(axis(0)).build(),
                chunk("crowded", 1).vector(axis(0)).build(),
                chunk("crowded", 2).vector(axis(0)).build()));
        index(index, chunk("farther", 0).vector(axis(1)).build());

        // candidates = max(1, topK 2 * chunksPerDocument 1 * 3) = 6, so both documents are found.
        assertThat(documentIds(index.search(vectorQuery(axis(0), 2)))).containsExactly("crowded", "farther");
    }

    @Test
    void tiesAreBrokenByDocumentId() {
        for (String id : List.of("m", "z", "a", "q")) {
            index(index, chunk(id, 0).title(null).text("identical text").vector(axis(0)).build());
        }

        assertThat(documentIds(index.search(vectorQuery(axis(0), 4)))).containsExactly("a", "m", "q", "z");
        assertThat(documentIds(index.search(keywordQuery("identical", 4)))).containsExactly("a", "m", "q", "z");
        assertThat(documentIds(index.search(hybridQuery("identical", axis(0), 4)))).containsExactly("a", "m", "q", "z");
    }

    @Test
    void hostileQueryTextIsSearchedAsPlainWords() {
        index(index, chunk("doc", 0).text("How to reset a password").vector(axis(0)).build());

        assertThatCode(() -> index.search(keywordQuery("*:* AND ( \"", 5))).doesNotThrowAnyException();
        assertThat(index.search(keywordQuery("*:* AND ( \"", 5)).hits()).isEmpty();
        assertThat(index.search(keywordQuery("", 5)).hits()).isEmpty();
        assertThat(documentIds(index.search(keywordQuery("password AND( \"reset* title:[a TO", 5))))
                .containsExactly("doc");
        assertThat(documentIds(index.search(hybridQuery("*:* AND ( \"", axis(0), 5)))).containsExactly("doc");
    }

    @Test
    void aVeryLongQueryDoesNotExceedLuceneClauseLimits() {
        index(index, chunk("doc", 0).text("word7 appears here").build());
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < 3_000; i++) {
            query.append("word").append(i).append(' ');
        }

        assertThat(documentIds(index.search(keywordQuery(query.toString(), 5)))).containsExactly("doc");
    }

    @Test
    void searchReportsTheCommittedGeneration() {
        index(index, chunk("doc", 0).build());
        index.commit(3);

        assertThat(index.search(vectorQuery(axis(0), 1)).generation()).isEqualTo(3);
    }
}
