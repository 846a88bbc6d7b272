package io.supportkb.ml.index;

import static io.supportkb.ml.index.TestChunks.COLLECTION;
import static io.supportkb.ml.index.TestChunks.axis;
import static io.supportkb.ml.index.TestChunks.chunk;
import static io.supportkb.ml.index.TestChunks.documentIds;
import static io.supportkb.ml.index.TestChunks.index;
import static io.supportkb.ml.index.TestChunks.vectorQuery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeIndexDurabilityTest {

    @TempDir
    Path directory;

    @Test
    void aNewIndexHasGenerationZero() {
        try (KnowledgeIndex index = KnowledgeIndex.open(directory, IndexConfig.defaults())) {
            assertThat(index.committedGeneration()).isZero();
        }
    }

    @Test
    void generationAndDocumentsSurviveCloseAndReopen() {
        try (KnowledgeIndex index = KnowledgeIndex.open(directory, IndexConfig.defaults())) {
            index(index, chunk("doc-1", 0).build());
            index.commit(7);
            assertThat(index.committedGeneration()).isEqualTo(7);
        }

        try (KnowledgeIndex reopened = KnowledgeIndex.open(directory, IndexConfig.defaults())) {
            assertThat(reopened.committedGeneration()).isEqualTo(7);
            assertThat(reopened.chunkCount(COLLECTION)).isEqualTo(1);
            assertThat(documentIds(reopened.search(vectorQuery(axis(0), 5)))).containsExactly("doc-1");
        }
    }

    @Test
    void closeDiscardsChangesMadeAfterTheLastCommit() {
        try (KnowledgeIndex index = KnowledgeIndex.open(directory, IndexConfig.defaults())) {
            index(index, chunk("committed", 0).build());
            index.commit(1);
            index(index, chunk("uncommitted", 0).build());
            index.deleteDocument(COLLECTION, "committed");
        }

        try (KnowledgeIndex reopened = KnowledgeIndex.open(directory, IndexConfig.defaults())) {
            assertThat(reopened.committedGeneration()).isEqualTo(1);
            assertThat(documentIds(reopened.search(vectorQuery(axis(0), 5)))).containsExactly("committed");
        }
    }

    @Test
    void rankingIsTheSameForTheSameQueryAndAfterReopen() {
        List<SearchRequest> queries = randomQueries();
        List<SearchResult> first;
        try (KnowledgeIndex index = KnowledgeIndex.open(directory, IndexConfig.defaults())) {
            indexRandomCorpus(index, new Random(42));
            index.commit(1);
            first = queries.stream().map(index::search).toList();
            assertThat(queries.stream().map(index::search).toList()).isEqualTo(first);
        }

        try (KnowledgeIndex reopened = KnowledgeIndex.open(directory, IndexConfig.defaults())) {
            assertThat(queries.stream().map(reopened::search).toList()).isEqualTo(first);
        }
        assertThat(first).allSatisfy(result -> assertThat(result.hits()).hasSize(10));
    }

    @Test
    void anIndexBuiltWithOtherHnswParametersStaysReadable() {
        try (KnowledgeIndex index = KnowledgeIndex.open(directory, new IndexConfig(4, 8, 60, 100, 1.2f, 0.75f))) {
            index(index, chunk("old", 0).build());
            index.commit(1);
        }

        try (KnowledgeIndex reopened = KnowledgeIndex.open(directory, IndexConfig.defaults())) {
            index(reopened, chunk("new", 0).vector(axis(1)).build());
            reopened.commit(2);
            assertThat(documentIds(reopened.search(vectorQuery(axis(0), 5)))).containsExactly("old", "new");
        }
    }

    @Test
    void chunksIndexedBeforeTheDocumentIdColumnRankAsTheOthers(@TempDir Path reference) throws Exception {
        // An index written before document ids had a doc-values column: its chunks are read from stored fields.
        try (TextAnalysis analysis = new TextAnalysis();
                FSDirectory old = FSDirectory.open(directory);
                IndexWriter writer = new IndexWriter(old,
                        new IndexWriterConfig(analysis.analyzer()).setCodec(new KnowledgeCodec(IndexConfig.defaults())))) {
            Random random = new Random(42);
            for (int d = 0; d < 30; d++) {
                for (IndexedChunk chunk : randomDocument(random, "doc-" + d)) {
                    List<IndexableField> fields = new ArrayList<>(ChunkDocument.toFields(chunk));
                    fields.removeIf(field -> field.name().equals(ChunkDocument.DOCUMENT_ID_VALUES));
                    writer.addDocument(fields);
                }
            }
            writer.commit();
        }
        List<SearchRequest> queries = randomQueries();
        try (KnowledgeIndex mixed = KnowledgeIndex.open(directory, IndexConfig.defaults());
                KnowledgeIndex current = KnowledgeIndex.open(reference, IndexConfig.defaults())) {
            Random random = new Random(42);
            for (int d = 0; d < 60; d++) {
                String documentId = "doc-" + d;
                List<IndexedChunk> chunks = randomDocument(random, documentId);
                current.replaceDocument(COLLECTION, documentId, chunks);
                if (d >= 30) {
                    mixed.replaceDocument(COLLECTION, documentId, chunks);
                }
            }
            mixed.commit(1);
            current.commit(1);
            assertThat(queries.stream().map(mixed::search).toList())
                    .isEqualTo(queries.stream().map(current::search).toList())
                    .allSatisfy(result -> assertThat(documentIds(result)).anyMatch(id -> Integer.parseInt(id.substring(4)) < 30));
        }
    }

    @Test
    void commitRejectsAGenerationOlderThanTheCommittedOne() {
        try (KnowledgeIndex index = KnowledgeIndex.open(directory, IndexConfig.defaults())) {
            index.commit(5);
            index.commit(5);

            assertThatThrownBy(() -> index.commit(4)).isInstanceOf(IllegalArgumentException.class);
            assertThat(index.committedGeneration()).isEqualTo(5);
        }
    }

    @Test
    void aSecondOpenOfTheSameDirectoryFailsWhileTheFirstIsOpen() {
        try (KnowledgeIndex index = KnowledgeIndex.open(directory, IndexConfig.defaults())) {
            assertThatThrownBy(() -> KnowledgeIndex.open(directory, IndexConfig.defaults()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(directory.toAbsolutePath().toString());
        }
    }

    private static void indexRandomCorpus(KnowledgeIndex index, Random random) {
        for (int d = 0; d < 60; d++) {
            String documentId = "doc-" + d;
            index.replaceDocument(COLLECTION, documentId, randomDocument(random, documentId));
        }
    }

    private static List<IndexedChunk> randomDocument(Random random, String documentId) {
        List<IndexedChunk> chunks = new ArrayList<>();
        int chunkCount = 1 + random.nextInt(4);
        for (int c = 0; c < chunkCount; c++) {
            chunks.add(chunk(documentId, c).text(randomText(random, 12)).vector(TestChunks.random(random)).build());
        }
        return chunks;
    }

    /** Five random queries in each mode, top 10 with 2 chunks per document. */
    private static List<SearchRequest> randomQueries() {
        List<SearchRequest> queries = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 5; i++) {
            for (SearchMode mode : SearchMode.values()) {
                queries.add(new SearchRequest(COLLECTION, randomText(random, 3), TestChunks.random(random), mode,
                        10, 2, SearchFilters.none(), 0));
            }
        }
        return queries;
    }

    private static final List<String> VOCABULARY = List.of("account", "password", "reset", "invoice", "refund",
            "shipping", "login", "error", "vpn", "printer", "billing", "order", "cancel", "update", "export");

    private static String randomText(Random random, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(VOCABULARY.get(random.nextInt(VOCABULARY.size()))).append(' ');
        }
        return text.toString();
    }
}
