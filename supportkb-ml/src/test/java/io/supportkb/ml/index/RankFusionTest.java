package io.supportkb.ml.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.supportkb.ml.index.ChunkDocument.StoredChunk;
import io.supportkb.ml.index.ChunkRetrieval.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.lucene.document.Document;
import org.junit.jupiter.api.Test;

/** Fusion of hand-made candidate lists, without an index: the scores are exactly what the test says. */
class RankFusionTest {

    private static final double EXACT = 1e-6;

    private static int nextLuceneDocId;

    private static StoredChunk stored(String documentId, int ordinal) {
        return new StoredChunk(nextLuceneDocId++, documentId + "#" + ordinal, documentId, ordinal, null, null,
                "text of " + documentId, 0, 10, "article");
    }

    private static Candidate candidate(StoredChunk chunk, double score) {
        return new Candidate(chunk, (float) score);
    }

    private static List<DocumentHit> rank(SearchMode mode, IndexConfig config, List<Candidate> vector,
            List<Candidate> keyword) {
        return new RankFusion(mode, config).rank(vector, keyword, 100, 3, List.of(), chunk -> List.of());
    }

    private static List<DocumentHit> convex(double lambda, List<Candidate> vector, List<Candidate> keyword) {
        return rank(SearchMode.HYBRID, IndexConfig.defaults().withFusion(Fusion.CONVEX, (float) lambda), vector, keyword);
    }

    private static List<String> ids(List<DocumentHit> hits) {
        return hits.stream().map(DocumentHit::documentId).toList();
    }

    /** Theoretical min-max of a cosine against the list's best: {@code (cos + 1) / (max + 1)}. */
    private static double cos(double cosine, double best) {
        return (cosine + 1) / (best + 1);
    }

    @Test
    void convexFusionAddsTheNormalisedScoresWeightedByLambda() {
        StoredChunk a = stored("a", 0);
        StoredChunk b = stored("b", 0);
        StoredChunk c = stored("c", 0);
        List<Candidate> vector = List.of(candidate(a, 0.9), candidate(b, 0.7), candidate(c, 0.5));
        List<Candidate> keyword = List.of(candidate(c, 10), candidate(b, 5));

        List<DocumentHit> hits = convex(0.3, vector, keyword);

        // BM25 normalises by the best score (c: 1, b: 0.5); a is missing from BM25, so 0 there.
        double scoreA = 0.7 * cos(0.9, 0.9);
        double scoreB = 0.7 * cos(0.7, 0.9) + 0.3 * 0.5;
        double scoreC = 0.7 * cos(0.5, 0.9) + 0.3 * 1.0;
        assertThat(ids(hits)).containsExactly("c", "b", "a");
        assertThat(hits).extracting(DocumentHit::score).satisfiesExactly(
                s -> assertThat(s).isCloseTo(scoreC, within(EXACT)),
                s -> assertThat(s).isCloseTo(scoreB, within(EXACT)),
                s -> assertThat(s).isCloseTo(scoreA, within(EXACT)));
        // The breakdown keeps the raw retriever scores and ranks; only the fused score is normalised.
        DocumentHit first = hits.getFirst();
        assertThat(first.scores().vectorCosine()).isEqualTo(0.5f);
        assertThat(first.scores().vectorRank()).isEqualTo(3);
        assertThat(first.scores().bm25Score()).isEqualTo(10f);
        assertThat(first.scores().bm25Rank()).isEqualTo(1);
        assertThat(first.scores().fusedScore()).isEqualTo(first.score());
        assertThat(hits.getLast().scores().bm25Score()).isNull();
    }

    @Test
    void aDocumentKnnDidNotReturnCountsWithTheLowestCandidateCosine() {
        StoredChunk a = stored("a", 0);
        StoredChunk b = stored("b", 0);
        StoredChunk d = stored("d", 0);
        List<Candidate> vector = List.of(candidate(a, 0.9), candidate(b, 0.5));
        List<Candidate> keyword = List.of(candidate(d, 8));

        List<DocumentHit> hits = convex(0.5, vector, keyword);

        assertThat(ids(hits)).containsExactly("d", "a", "b");
        assertThat(hits.get(0).score()).isCloseTo(0.5 * cos(0.5, 0.9) + 0.5 * 1.0, within(EXACT));
        assertThat(hits.get(1).score()).isCloseTo(0.5 * cos(0.9, 0.9), within(EXACT));
        assertThat(hits.get(2).score()).isCloseTo(0.5 * cos(0.5, 0.9), within(EXACT));
        // The bound is used for fusion only; the breakdown says kNN did not return d.
        assertThat(hits.get(0).scores().vectorCosine()).isNull();
        assertThat(hits.get(0).scores().vectorRank()).isNull();
    }

    @Test
    void aDocumentScoresAsItsBestChunkInEachList() {
        StoredChunk a0 = stored("a", 0);
        StoredChunk a1 = stored("a", 1);
        StoredChunk b0 = stored("b", 0);
        List<Candidate> vector = List.of(candidate(a1, 0.8), candidate(b0, 0.6), candidate(a0, 0.2));
        List<Candidate> keyword = List.of(candidate(b0, 4), candidate(a0, 3));

        List<DocumentHit> hits = convex(0.2, vector, keyword);

        DocumentHit a = hits.stream().filter(hit -> hit.documentId().equals("a")).findFirst().orElseThrow();
        assertThat(a.score()).isCloseTo(0.8 * cos(0.8, 0.8) + 0.2 * 0.75, within(EXACT));
        // Each chunk is scored on its own evidence: a#1 has no BM25 score, a#0 its own cosine.
        assertThat(a.chunks()).extracting(ChunkHit::chunkId).containsExactly("a#1", "a#0");
        assertThat(a.chunks().get(0).scores().fusedScore()).isCloseTo(0.8 * cos(0.8, 0.8), within(EXACT));
        assertThat(a.chunks().get(1).scores().fusedScore())
                .isCloseTo(0.8 * cos(0.2, 0.8) + 0.2 * 0.75, within(EXACT));
    }

    @Test
    void equalConvexScoresAreOrderedByDocumentId() {
        List<Candidate> vector = new ArrayList<>();
        List<Candidate> keyword = new ArrayList<>();
        for (String id : List.of("m", "z", "a", "q")) {
            StoredChunk chunk = stored(id, 0);
            vector.add(candidate(chunk, 0.7));
            keyword.add(candidate(chunk, 2));
        }

        assertThat(ids(convex(0.3, vector, keyword))).containsExactly("a", "m", "q", "z");
    }

    @Test
    void onATieADocumentKnnReturnedBeatsOneWhoseCosineWasOnlyBounded() {
        StoredChunk top = stored("top", 0);
        StoredChunk last = stored("z-last", 0);
        StoredChunk keywordOnly = stored("a-keyword-only", 0);
        List<Candidate> vector = List.of(candidate(top, 0.9), candidate(last, 0.4));
        List<Candidate> keyword = List.of(candidate(keywordOnly, 3));

        // With λ = 0 the BM25-only document scores exactly like the last kNN candidate; its id sorts first.
        assertThat(ids(convex(0, vector, keyword))).containsExactly("top", "z-last", "a-keyword-only");
    }

    @Test
    void theTopKAreTheFirstKOfTheWholeRankingWhateverTies() {
        // Scores rounded to one decimal tie everywhere, so the content tie-break decides often.
        for (SearchMode mode : SearchMode.values()) {
            for (Fusion fusion : Fusion.values()) {
                IndexConfig config = IndexConfig.defaults().withFusion(fusion, 0.5f);
                List<DocumentHit> whole = lazyRank(mode, config, 80, true, new int[1]);
                assertThat(whole).hasSizeGreaterThanOrEqualTo(60);
                for (int topK : new int[] {1, 3, 10, 50}) {
                    assertThat(lazyRank(mode, config, topK, true, new int[1])).as("%s %s top %d", mode, fusion, topK)
                            .isEqualTo(whole.subList(0, topK));
                }
            }
        }
    }

    @Test
    void onlyTheChunksThatCanReachTheTopKAreRead() {
        // Reciprocal rank fusion ties a vector-only and a keyword-only document at the same rank, so the content
        // tie-break is needed even when no two retriever scores are equal; it must not read every candidate.
        for (Fusion fusion : Fusion.values()) {
            IndexConfig config = IndexConfig.defaults().withFusion(fusion, fusion == Fusion.RRF ? 1f : 0.5f);
            int[] reads = new int[1];
            List<DocumentHit> top = lazyRank(SearchMode.HYBRID, config, 10, false, reads);
            assertThat(top).hasSize(10);
            // the 10 returned chunks, plus any that tie with the 10th (a full sort reads 24 here with RRF)
            assertThat(reads[0]).as("%s: chunks read of 80 candidates", fusion).isBetween(10, 12);
        }
    }

    /**
     * 80 one-chunk documents, 60 in each list (20 in both), read lazily with {@code reads} counting the reads;
     * {@code ties}: scores rounded so that many are equal.
     */
    private static List<DocumentHit> lazyRank(SearchMode mode, IndexConfig config, int topK, boolean ties,
            int[] reads) {
        Random random = new Random(5);
        List<StoredChunk> chunks = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            IndexedChunk indexed = TestChunks.chunk("doc-" + i, 0).text("text " + (i % 7)).build();
            chunks.add(new StoredChunk(i, indexed.documentId(), docId -> {
                reads[0]++;
                Document document = new Document();
                ChunkDocument.toFields(indexed).forEach(document::add);
                return document;
            }));
        }
        List<Candidate> vector = new ArrayList<>();
        List<Candidate> keyword = new ArrayList<>();
        for (StoredChunk chunk : chunks.subList(0, mode == SearchMode.KEYWORD ? 0 : 60)) {
            double cosine = random.nextDouble();
            vector.add(candidate(chunk, ties ? Math.round(cosine * 10) / 10.0 : cosine));
        }
        for (StoredChunk chunk : chunks.subList(mode == SearchMode.VECTOR ? 80 : 20, 80)) {
            double bm25 = random.nextDouble() * 10;
            keyword.add(candidate(chunk, ties ? Math.round(bm25) : bm25));
        }
        return new RankFusion(mode, config).rank(vector, keyword, topK, 1, List.of(), chunk -> List.of());
    }

    @Test
    void lambdaZeroRanksExactlyAsVectorSearchWithBm25OnlyDocumentsAfter() {
        Random random = new Random(77);
        List<StoredChunk> chunks = IntStream.range(0, 60)
                .mapToObj(i -> stored("doc-" + random.nextInt(40), i)).toList();
        List<Candidate> vector = new ArrayList<>();
        List<Candidate> keyword = new ArrayList<>();
        for (StoredChunk chunk : chunks.subList(0, 45)) {
            // Two decimals, so equal cosines (ties) occur.
            vector.add(candidate(chunk, Math.round((random.nextDouble() * 1.6 - 0.6) * 100) / 100.0));
        }
        for (StoredChunk chunk : chunks.subList(20, 60)) {
            keyword.add(candidate(chunk, random.nextDouble() * 12));
        }

        List<String> vectorOnly = ids(rank(SearchMode.VECTOR, IndexConfig.defaults(), vector, List.of()));
        List<String> fused = ids(convex(0, vector, keyword));

        assertThat(fused.subList(0, vectorOnly.size())).isEqualTo(vectorOnly);
        assertThat(fused.subList(vectorOnly.size(), fused.size())).isSorted().doesNotContainAnyElementsOf(vectorOnly);
    }

    @Test
    void lambdaOneRanksTheKeywordListByBm25() {
        StoredChunk a = stored("a", 0);
        StoredChunk b = stored("b", 0);
        StoredChunk c = stored("c", 0);
        List<Candidate> vector = List.of(candidate(a, 0.9), candidate(b, 0.8));
        List<Candidate> keyword = List.of(candidate(b, 2), candidate(c, 7));

        assertThat(ids(convex(1, vector, keyword))).containsExactly("c", "b", "a");
    }

    @Test
    void withoutKeywordCandidatesConvexFusionFollowsTheVectors() {
        StoredChunk a = stored("a", 0);
        StoredChunk b = stored("b", 0);

        List<DocumentHit> hits = convex(0.4, List.of(candidate(b, 0.3), candidate(a, 0.6)), List.of());

        assertThat(ids(hits)).containsExactly("a", "b");
        assertThat(hits.getFirst().score()).isCloseTo(0.6, within(EXACT));
    }

    @Test
    void rrfStaysTheDefaultAndIgnoresScoreGaps() {
        StoredChunk a = stored("a", 0);
        StoredChunk b = stored("b", 0);
        List<Candidate> vector = List.of(candidate(a, 0.99), candidate(b, 0.10));
        List<Candidate> keyword = List.of(candidate(b, 30), candidate(a, 29.9));

        IndexConfig config = IndexConfig.defaults();
        List<DocumentHit> hits = rank(SearchMode.HYBRID, config, vector, keyword);

        assertThat(config.fusion()).isEqualTo(Fusion.RRF);
        // Equal RRF scores (ranks 1 + 2 each): the id decides. Convex fusion sees a's large cosine lead.
        assertThat(hits.get(0).score()).isCloseTo(hits.get(1).score(), within(1e-12));
        assertThat(ids(hits)).containsExactly("a", "b");
        assertThat(ids(convex(0.5, vector, keyword))).containsExactly("a", "b");
        // The same ranks with a close cosine race and a clear BM25 lead: RRF still ties, convex picks b.
        List<Candidate> closeVector = List.of(candidate(a, 0.50), candidate(b, 0.49));
        List<Candidate> clearKeyword = List.of(candidate(b, 30), candidate(a, 10));
        assertThat(ids(rank(SearchMode.HYBRID, config, closeVector, clearKeyword))).containsExactly("a", "b");
        assertThat(ids(convex(0.5, closeVector, clearKeyword))).containsExactly("b", "a");
    }

    @Test
    void convexLambdaMustBeAShare() {
        IndexConfig defaults = IndexConfig.defaults();
        assertThatThrownBy(() -> defaults.withFusion(Fusion.CONVEX, 1.5f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("λ").hasMessageContaining("[0, 1]").hasMessageContaining("1.5");
        assertThatThrownBy(() -> defaults.withFusion(Fusion.CONVEX, -0.1f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 0");
        assertThat(defaults.withFusion(Fusion.RRF, 3f).keywordWeight()).isEqualTo(3f);
        assertThat(new IndexConfig(16, 100, 60, 100, 0.9f, 0.4f, 0.1f).fusion()).isEqualTo(Fusion.RRF);
        assertThat(Fusion.named(" Convex")).isEqualTo(Fusion.CONVEX);
        assertThatThrownBy(() -> Fusion.named("linear")).hasMessageContaining("rrf or convex");
    }
}
