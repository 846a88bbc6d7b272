package io.supportkb.ml.index;

import static io.supportkb.ml.index.TestChunks.COLLECTION;
import static io.supportkb.ml.index.TestChunks.axis;
import static io.supportkb.ml.index.TestChunks.chunk;
import static io.supportkb.ml.index.TestChunks.documentIds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KnowledgeIndexConcurrencyTest {

    private static final long SEED = 20240611L;

    private final KnowledgeIndex index = KnowledgeIndex.inMemory(IndexConfig.defaults());
    private final ExecutorService executor = Executors.newFixedThreadPool(5);

    @AfterEach
    void close() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        index.close();
    }

    @Test
    void concurrentWritersAndSearchersSeeTheirOwnWritesAndNeverFail() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Map<String, Integer>>> writers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int writer = w;
            writers.add(executor.submit(() -> write(writer, new Random(SEED + writer), start)));
        }
        List<Future<Integer>> searchers = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            Random random = new Random(SEED * 31 + s);
            searchers.add(executor.submit(() -> search(random, start)));
        }
        start.countDown();

        Map<String, Integer> expectedChunks = new HashMap<>();
        for (Future<Map<String, Integer>> writer : writers) {
            expectedChunks.putAll(writer.get(60, TimeUnit.SECONDS));
        }
        for (Future<Integer> searcher : searchers) {
            assertThat(searcher.get(60, TimeUnit.SECONDS)).isEqualTo(40);
        }
        assertThat(index.chunkCount(COLLECTION))
                .isEqualTo(expectedChunks.values().stream().mapToInt(Integer::intValue).sum());
        SearchResult all = index.search(new SearchRequest(COLLECTION, null, axis(0), SearchMode.VECTOR, 1_000, 1,
                SearchFilters.none(), 1_000));
        assertThat(documentIds(all)).containsExactlyInAnyOrderElementsOf(expectedChunks.keySet());
    }

    @Test
    void searchersNeverSeeAHalfReplacedDocument() throws Exception {
        List<IndexedChunk> versionA = List.of(
                chunk("flip", 0).chunkId("a-0").text("toggle a").build(),
                chunk("flip", 1).chunkId("a-1").text("toggle a").build(),
                chunk("flip", 2).chunkId("a-2").text("toggle a").build());
        List<IndexedChunk> versionB = List.of(
                chunk("flip", 0).chunkId("b-0").text("toggle b").build(),
                chunk("flip", 1).chunkId("b-1").text("toggle b").build());
        index.replaceDocument(COLLECTION, "flip", versionA);
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        Future<?> writer = executor.submit(() -> {
            start.await();
            try {
                for (int i = 0; i < 200; i++) {
                    index.replaceDocument(COLLECTION, "flip", i % 2 == 0 ? versionB : versionA);
                }
            } finally {
                writing.set(false);
            }
            return null;
        });
        Callable<Integer> reader = () -> {
            start.await();
            SearchRequest request = new SearchRequest(COLLECTION, "toggle", axis(0), SearchMode.HYBRID, 1, 10,
                    SearchFilters.none(), 0);
            int searches = 0;
            while (writing.get() || searches < 10) {
                List<String> chunkIds = TestChunks.chunkIds(index.search(request).hits().getFirst());
                assertThat(chunkIds.stream().sorted().toList())
                        .isIn(List.of("a-0", "a-1", "a-2"), List.of("b-0", "b-1"));
                searches++;
            }
            return searches;
        };
        Future<Integer> readerA = executor.submit(reader);
        Future<Integer> readerB = executor.submit(reader);
        start.countDown();

        writer.get(60, TimeUnit.SECONDS);
        assertThat(readerA.get(60, TimeUnit.SECONDS)).isPositive();
        assertThat(readerB.get(60, TimeUnit.SECONDS)).isPositive();
    }

    /** 40 random replaces and deletes in this writer's own documents; returns documentId -> chunk count. */
    private Map<String, Integer> write(int writer, Random random, CountDownLatch start) throws InterruptedException {
        start.await();
        Map<String, Integer> live = new HashMap<>();
        for (int op = 0; op < 40; op++) {
            String documentId = "w" + writer + "-doc-" + random.nextInt(8);
            if (random.nextInt(4) == 0) {
                index.deleteDocument(COLLECTION, documentId);
                live.remove(documentId);
                // Read-your-writes: the delete is visible to the very next search.
                SearchResult result = index.search(new SearchRequest(COLLECTION, null, axis(0), SearchMode.VECTOR,
                        1_000, 1, SearchFilters.none(), 1_000));
                assertThat(documentIds(result)).doesNotContain(documentId);
            } else {
                int chunkCount = 1 + random.nextInt(3);
                List<IndexedChunk> chunks = new ArrayList<>();
                for (int c = 0; c < chunkCount; c++) {
                    chunks.add(chunk(documentId, c).text("writer " + writer + " op " + op)
                            .vector(TestChunks.random(random)).build());
                }
                index.replaceDocument(COLLECTION, documentId, chunks);
                live.put(documentId, chunkCount);
            }
        }
        return live;
    }

    private int search(Random random, CountDownLatch start) throws InterruptedException {
        start.await();
        int searches = 0;
        for (int i = 0; i < 40; i++) {
            SearchMode mode = SearchMode.values()[random.nextInt(SearchMode.values().length)];
            SearchResult result = index.search(new SearchRequest(COLLECTION, "writer op", TestChunks.random(random),
                    mode, 5, 2, SearchFilters.none(), 0));
            assertThat(result.hits()).allSatisfy(hit -> assertThat(hit.chunks()).isNotEmpty());
            searches++;
        }
        return searches;
    }
}
