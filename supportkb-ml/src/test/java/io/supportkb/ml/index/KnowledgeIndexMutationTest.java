package io.supportkb.ml.index;

import static io.supportkb.ml.index.TestChunks.COLLECTION;
import static io.supportkb.ml.index.TestChunks.axis;
import static io.supportkb.ml.index.TestChunks.blend;
import static io.supportkb.ml.index.TestChunks.chunk;
import static io.supportkb.ml.index.TestChunks.chunkIds;
import static io.supportkb.ml.index.TestChunks.documentIds;
import static io.supportkb.ml.index.TestChunks.hybridQuery;
import static io.supportkb.ml.index.TestChunks.index;
import static io.supportkb.ml.index.TestChunks.keywordQuery;
import static io.supportkb.ml.index.TestChunks.vectorQuery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KnowledgeIndexMutationTest {

    private final KnowledgeIndex index = KnowledgeIndex.inMemory(IndexConfig.defaults());

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void replacingADocumentSwapsAllItsChunksAndTheOldOnesVanish() {
        index.replaceDocument(COLLECTION, "doc-1", List.of(
                chunk("doc-1", 0).chunkId("old-0").text("legacy invoice export").build(),
                chunk("doc-1", 1).chunkId("old-1").text("legacy invoice import").build(),
                chunk("doc-1", 2).chunkId("old-2").text("legacy invoice archive").build()));

        index.replaceDocument(COLLECTION, "doc-1", List.of(
                chunk("doc-1", 0).chunkId("new-0").text("current billing export").build(),
                chunk("doc-1", 1).chunkId("new-1").text("current billing import").build()));

        assertThat(index.chunkCount(COLLECTION)).isEqualTo(2);
        assertThat(index.search(keywordQuery("legacy invoice", 10)).hits()).isEmpty();
        SearchRequest allChunks = new SearchRequest(COLLECTION, "billing", axis(0), SearchMode.HYBRID, 10, 10,
                SearchFilters.none(), 0);
        List<DocumentHit> hits = index.search(allChunks).hits();
        assertThat(hits).extracting(DocumentHit::documentId).containsExactly("doc-1");
        assertThat(chunkIds(hits.getFirst())).containsExactlyInAnyOrder("new-0", "new-1");
    }

    @Test
    void replacingWithNoChunksDeletesTheDocument() {
        index(index, chunk("doc-1", 0).build());

        index.replaceDocument(COLLECTION, "doc-1", List.of());

        assertThat(index.chunkCount(COLLECTION)).isZero();
    }

    @Test
    void neverReturnsADeletedDocument() {
        index(index, chunk("doc-1", 0).text("vpn setup guide").vector(axis(0)).build());
        index(index, chunk("doc-2", 0).text("vpn troubleshooting").vector(blend(axis(0), axis(1), 1f)).build());
        assertThat(documentIds(index.search(hybridQuery("vpn", axis(0), 10)))).containsExactly("doc-1", "doc-2");

        index.deleteDocument(COLLECTION, "doc-1");

        // No commit and no explicit refresh: the search right after the call must not see it.
        assertThat(documentIds(index.search(vectorQuery(axis(0), 10)))).containsExactly("doc-2");
        assertThat(documentIds(index.search(keywordQuery("vpn setup", 10)))).containsExactly("doc-2");
        assertThat(documentIds(index.search(hybridQuery("vpn", axis(0), 10)))).containsExactly("doc-2");
        assertThat(index.chunkCount(COLLECTION)).isEqualTo(1);
    }

    @Test
    void deletingAnUnknownDocumentIsHarmless() {
        index(index, chunk("doc-1", 0).build());

        index.deleteDocument(COLLECTION, "no-such-doc");

        assertThat(index.chunkCount(COLLECTION)).isEqualTo(1);
    }

    @Test
    void deletingACollectionRemovesOnlyThatCollection() {
        index(index, chunk("doc-1", 0).build());
        index(index, chunk("doc-2", 0).build());
        index(index, chunk("doc-1", 0).collection("globex").build());

        index.deleteCollection(COLLECTION);

        assertThat(index.chunkCount(COLLECTION)).isZero();
        assertThat(index.search(vectorQuery(axis(0), 10)).hits()).isEmpty();
        assertThat(index.chunkCount("globex")).isEqualTo(1);
    }

    @Test
    void collectionsAreIsolatedEvenForTheSameDocumentId() {
        index(index, chunk("doc-1", 0).text("acme refund policy").build());
        index(index, chunk("doc-1", 0).collection("globex").text("globex refund policy").build());

        index.replaceDocument("globex", "doc-1", List.of(
                chunk("doc-1", 0).collection("globex").text("globex refund policy, revised").build(),
                chunk("doc-1", 1).collection("globex").text("globex refund exceptions").build()));
        index.deleteDocument("globex", "doc-1");

        assertThat(index.chunkCount(COLLECTION)).isEqualTo(1);
        DocumentHit hit = index.search(hybridQuery("refund globex", axis(0), 10)).hits().getFirst();
        assertThat(hit.chunks()).extracting(ChunkHit::text).containsExactly("acme refund policy");
    }

    @Test
    void documentIdsThatLookAlikeAcrossCollectionsDoNotCollide() {
        // Naive "collection/documentId" keys would make these two the same document.
        index(index, chunk("b/c", 0).collection("a").build());
        index(index, chunk("c", 0).collection("a/b").build());

        index.deleteDocument("a/b", "c");

        assertThat(index.chunkCount("a")).isEqualTo(1);
        assertThat(index.chunkCount("a/b")).isZero();
    }

    @Test
    void rejectsAChunkOfAnotherDocument() {
        IndexedChunk stranger = chunk("doc-2", 0).build();

        assertThatThrownBy(() -> index.replaceDocument(COLLECTION, "doc-1", List.of(stranger)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("doc-2");
    }

    @Test
    void rejectsAZeroVectorBecauseItsCosineIsUndefined() {
        IndexedChunk zero = chunk("doc-1", 0).vector(new float[TestChunks.DIMENSIONS]).build();

        assertThatThrownBy(() -> index(index, zero)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> index.search(vectorQuery(new float[TestChunks.DIMENSIONS], 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAQueryVectorOfAnotherDimension() {
        index(index, chunk("doc-1", 0).build());

        assertThatThrownBy(() -> index.search(vectorQuery(new float[] {1f, 0f, 0f}, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
