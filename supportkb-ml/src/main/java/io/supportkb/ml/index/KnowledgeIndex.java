package io.supportkb.ml.index;

import io.supportkb.ml.index.ChunkRetrieval.Candidate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexWriterConfig.OpenMode;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.IOUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge index: one Lucene index holding every chunk's embedding (HNSW graph, cosine) and its
 * analysed text (BM25), searched by kNN, by keywords, or both fused (reciprocal rank fusion by default, or a
 * convex combination of normalised scores; see {@link Fusion}).
 *
 * <h2>Scores</h2>
 * Vector scores are cosine similarities in [-1, 1] (Lucene's internal {@code (1 + cos) / 2} is
 * converted back). BM25 scores are Lucene's raw BM25 (k1, b from {@link IndexConfig}), unbounded and
 * comparable only within one query. Fused scores are {@code sum w/(rrfK + rank)} over 1-based document
 * ranks ({@link Fusion#RRF}) or {@code (1 - λ)·norm(cosine) + λ·norm(bm25)} in [0, 1] ({@link Fusion#CONVEX}).
 * Ties are broken by the chunk's text (title, heading context and text), then by document id: the ranking
 * depends on the content only, not on ids, insertion order or segment layout, so the same content and
 * query give the same ranking in any index that holds it.
 *
 * <h2>Exact or approximate kNN</h2>
 * When a search's filter matches at most {@link IndexConfig#exactSearchMaxChunks()} chunks, kNN scores every
 * one of them (recall 1, and a ranking that does not depend on how the graph was built); above that it walks
 * the HNSW graph.
 *
 * <h2>HNSW parameters and the literature</h2>
 * {@link IndexConfig#hnswM()} is the paper's <em>M</em>, {@link IndexConfig#hnswBeamWidth()} its
 * <em>efConstruction</em>; the kNN query's {@code k}, set to the candidate depth of each request, plays
 * the role of <em>efSearch</em>: Lucene explores the graph keeping {@code k} nearest candidates. The graph is
 * only used above the exact-scan threshold.
 *
 * <h2>Visibility and durability</h2>
 * A mutation is visible to every search that starts after the mutating call returned: a search first
 * refreshes the near-real-time reader if anything was written since the last refresh, so a deleted or
 * replaced document is never returned afterwards. Replacing a document is atomic: a search sees either
 * all old chunks or all new ones. Changes are durable only after {@link #commit(long)}; {@link #close()}
 * discards uncommitted changes, so an index on disk always matches the generation it records.
 *
 * <h2>Thread-safety</h2>
 * All methods except {@link #close()} may be called concurrently from any number of threads, writers and
 * searchers alike (Lucene's {@link IndexWriter} and {@link SearcherManager} are thread-safe; each search
 * works on its own point-in-time searcher). Concurrent replaces of the same document leave exactly one
 * of the versions. Call {@code close()} once, after all other calls have returned.
 */
public final class KnowledgeIndex implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeIndex.class);

    /** Commit user-data key holding the generation passed to {@link #commit(long)}. */
    static final String GENERATION_KEY = "supportkb.generation";

    private static final AtomicBoolean vectorApiWarningLogged = new AtomicBoolean();

    private final IndexConfig config;
    private final String location;
    private final Directory directory;
    private final TextAnalysis analysis = new TextAnalysis();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** Mutations completed so far; compared with {@link #refreshedThrough} to decide on a refresh. */
    private final AtomicLong writes = new AtomicLong();
    /** All mutations up to this count are visible to the searcher {@link #searchers} hands out. */
    private final AtomicLong refreshedThrough = new AtomicLong();
    private final Object commitLock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long committedGeneration;

    private KnowledgeIndex(Directory directory, String location, IndexConfig config) throws IOException {
        this.config = config;
        this.location = location;
        this.directory = directory;
        Similarity similarity = new BM25Similarity(config.bm25K1(), config.bm25B());
        IndexWriterConfig writerConfig = new IndexWriterConfig(analysis.analyzer())
                .setOpenMode(OpenMode.CREATE_OR_APPEND)
                .setCodec(new KnowledgeCodec(config))
                .setSimilarity(similarity)
                // Uncommitted changes are dropped on close, so the index never holds more than its
                // recorded generation says; the caller replays from committedGeneration() instead.
                .setCommitOnClose(false);
        IndexWriter openedWriter = null;
        try {
            openedWriter = new IndexWriter(directory, writerConfig);
            this.writer = openedWriter;
            this.committedGeneration = readGeneration(openedWriter.getLiveCommitData());
            this.searchers = new SearcherManager(openedWriter, new SearcherFactory() {
                @Override
                public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
                    IndexSearcher searcher = new IndexSearcher(reader);
                    searcher.setSimilarity(similarity);
                    return searcher;
                }
            });
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(openedWriter, analysis);
            throw e;
        }
    }

    /**
     * Opens the index stored in {@code directory}, creating it (and the directory) if absent. Only one
     * open index per directory at a time: a second open fails while the first holds Lucene's write lock.
     *
     * @throws UncheckedIOException if the directory cannot be created or read
     * @throws IllegalStateException if another {@code KnowledgeIndex} (in any process) has it open
     */
    public static KnowledgeIndex open(Path directory, IndexConfig config) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(config, "config");
        warnIfVectorApiMissing();
        Directory luceneDirectory = null;
        try {
            Files.createDirectories(directory);
            luceneDirectory = FSDirectory.open(directory); // MMapDirectory on 64-bit JVMs
            return new KnowledgeIndex(luceneDirectory, directory.toAbsolutePath().toString(), config);
        } catch (LockObtainFailedException e) {
            IOUtils.closeWhileHandlingException(luceneDirectory);
            throw new IllegalStateException("index " + directory.toAbsolutePath()
                    + " is already open (write lock held); close the other instance or use another directory", e);
        } catch (IOException e) {
            IOUtils.closeWhileHandlingException(luceneDirectory);
            throw new UncheckedIOException("cannot open index " + directory.toAbsolutePath() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            IOUtils.closeWhileHandlingException(luceneDirectory);
            throw e;
        }
    }

    /** A heap-only index, lost on close; for tests and tools. */
    public static KnowledgeIndex inMemory(IndexConfig config) {
        Objects.requireNonNull(config, "config");
        warnIfVectorApiMissing();
        try {
            return new KnowledgeIndex(new ByteBuffersDirectory(), "in-memory", config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create in-memory index: " + e.getMessage(), e);
        }
    }

    /**
     * Atomically replaces all chunks of a document with {@code chunks}: searches see either the old
     * chunks or the new ones, never a mix and never neither. An empty list deletes the document.
     *
     * @throws IllegalArgumentException if a chunk belongs to another collection or document, chunk ids
     *     repeat, or a vector is empty, zero or of a different dimension than the others or the index
     */
    public void replaceDocument(String collection, String documentId, List<IndexedChunk> chunks) {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(chunks, "chunks");
        List<List<IndexableField>> documents = new ArrayList<>(chunks.size());
        Set<String> chunkIds = new HashSet<>();
        for (IndexedChunk chunk : chunks) {
            if (!chunk.collection().equals(collection) || !chunk.documentId().equals(documentId)) {
                throw new IllegalArgumentException("chunk " + chunk.chunkId() + " belongs to " + chunk.collection()
                        + "/" + chunk.documentId() + ", not to " + collection + "/" + documentId);
            }
            if (!chunkIds.add(chunk.chunkId())) {
                throw new IllegalArgumentException("chunk id " + chunk.chunkId() + " repeats in document " + documentId);
            }
            if (chunk.vector().length != chunks.getFirst().vector().length) {
                throw new IllegalArgumentException("chunk " + chunk.chunkId() + " has " + chunk.vector().length
                        + " dimensions, the document's first chunk " + chunks.getFirst().vector().length);
            }
            requireUsableVector(chunk.vector(), "vector of chunk " + chunk.chunkId());
            documents.add(ChunkDocument.toFields(chunk));
        }
        Term key = ChunkDocument.documentKey(collection, documentId);
        mutate("replace document " + collection + "/" + documentId, () -> {
            if (documents.isEmpty()) {
                writer.deleteDocuments(key);
            } else {
                writer.updateDocuments(key, documents);
            }
        });
    }

    /** Removes all chunks of a document; does nothing if it is not indexed. */
    public void deleteDocument(String collection, String documentId) {
        Term key = ChunkDocument.documentKey(
                Objects.requireNonNull(collection, "collection"), Objects.requireNonNull(documentId, "documentId"));
        mutate("delete document " + collection + "/" + documentId, () -> writer.deleteDocuments(key));
    }

    /** Removes every chunk of every document of a collection. */
    public void deleteCollection(String collection) {
        Term term = new Term(ChunkDocument.COLLECTION, Objects.requireNonNull(collection, "collection"));
        mutate("delete collection " + collection, () -> writer.deleteDocuments(term));
    }

    /**
     * Makes every change so far durable and records {@code generation} with it, atomically: after a
     * crash or restart the index holds exactly the state committed with {@link #committedGeneration()}.
     *
     * @param generation the caller's index generation; generations never go backwards
     * @throws IllegalArgumentException if {@code generation} is negative or lower than the committed one
     */
    public void commit(long generation) {
        if (generation < 0) {
            throw new IllegalArgumentException("generation must be >= 0, was " + generation);
        }
        synchronized (commitLock) {
            if (generation < committedGeneration) {
                throw new IllegalArgumentException("generation " + generation
                        + " is older than the committed generation " + committedGeneration + "; generations only grow");
            }
            try {
                writer.setLiveCommitData(Map.of(GENERATION_KEY, Long.toString(generation)).entrySet());
                writer.commit();
            } catch (IOException e) {
                throw new UncheckedIOException("commit of generation " + generation + " to index " + location
                        + " failed: " + e.getMessage(), e);
            }
            committedGeneration = generation;
        }
    }

    /** The generation of the last {@link #commit(long)}, also after a reopen; 0 for a new index. */
    public long committedGeneration() {
        return committedGeneration;
    }

    /**
     * Searches one collection; sees every change whose call returned before this one started.
     *
     * <p>Each retriever fetches the request's candidate depth of chunks (for kNN this is {@code k}, the
     * paper's efSearch) with the filters applied inside the search; the chunks are collapsed to documents
     * and ranked (see {@link SearchMode}); each of the top {@code topK} documents carries its best
     * {@code chunksPerDocument} chunks and a {@link ScoreBreakdown}.
     *
     * @throws IllegalArgumentException if the query vector is zero, not finite, or of another dimension
     *     than the indexed vectors
     */
    public SearchResult search(SearchRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.mode() != SearchMode.KEYWORD) {
            requireUsableVector(request.queryVector(), "query vector");
        }
        long generation = committedGeneration;
        IndexSearcher searcher = acquireCurrentSearcher();
        try {
            Query filter = ChunkRetrieval.filter(request.collection(), request.filters());
            int candidates = candidates(request);
            List<String> terms = analysis.queryTerms(request.queryText());
            ChunkRetrieval retrieval = new ChunkRetrieval(searcher);
            long start = System.nanoTime();
            List<Candidate> vector = List.of();
            if (request.mode() != SearchMode.KEYWORD) {
                boolean exact = retrieval.scansExactly(filter, config.exactSearchMaxChunks());
                vector = retrieval.vector(request.queryVector(), candidates, filter, exact);
                if (request.feedback() != null && !vector.isEmpty()) {
                    float[] expanded = retrieval.expand(request.queryVector(), vector, request.feedback());
                    vector = retrieval.vector(expanded, candidates, filter, exact);
                }
            }
            long vectorDone = System.nanoTime();
            List<Candidate> keyword = request.mode() == SearchMode.VECTOR
                    ? List.of()
                    : retrieval.keyword(terms, candidates, filter);
            long keywordDone = System.nanoTime();
            List<DocumentHit> hits = new RankFusion(request.mode(), config)
                    .rank(vector, keyword, request.topK(), request.chunksPerDocument(), terms,
                            chunk -> analysis.matchedTerms(terms, chunk.body()));
            long fused = System.nanoTime();
            return new SearchResult(hits, generation, new SearchResult.Timings(vectorDone - start,
                    keywordDone - vectorDone, retrieval.fetchNanos(), fused - keywordDone));
        } catch (IOException e) {
            throw new UncheckedIOException("search of index " + location + " failed: " + e.getMessage(), e);
        } finally {
            release(searcher);
        }
    }

    /** Number of chunks currently indexed for a collection (including uncommitted changes). */
    public int chunkCount(String collection) {
        Objects.requireNonNull(collection, "collection");
        IndexSearcher searcher = acquireCurrentSearcher();
        try {
            return searcher.count(new TermQuery(new Term(ChunkDocument.COLLECTION, collection)));
        } catch (IOException e) {
            throw new UncheckedIOException("counting chunks in index " + location + " failed: " + e.getMessage(), e);
        } finally {
            release(searcher);
        }
    }

    /** Releases files and the write lock; uncommitted changes are discarded. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            IOUtils.close(searchers, writer, analysis, directory);
        } catch (IOException e) {
            throw new UncheckedIOException("closing index " + location + " failed: " + e.getMessage(), e);
        }
    }

    private int candidates(SearchRequest request) {
        if (request.candidates() > 0) {
            return request.candidates();
        }
        long wanted = Math.max(config.defaultCandidates(), (long) request.topK() * request.chunksPerDocument() * 3);
        return (int) Math.min(wanted, Integer.MAX_VALUE);
    }

    /**
     * A searcher that reflects every mutation completed before this call. The write count is read
     * before refreshing, so a concurrent mutation is at worst refreshed twice, never missed.
     */
    private IndexSearcher acquireCurrentSearcher() {
        try {
            long seen = writes.get();
            if (seen > refreshedThrough.get()) {
                searchers.maybeRefreshBlocking();
                refreshedThrough.accumulateAndGet(seen, Math::max);
            }
            return searchers.acquire();
        } catch (IOException e) {
            throw new UncheckedIOException("refreshing the searcher of index " + location + " failed: "
                    + e.getMessage(), e);
        }
    }

    private void release(IndexSearcher searcher) {
        try {
            searchers.release(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException("releasing a searcher of index " + location + " failed: "
                    + e.getMessage(), e);
        }
    }

    private void mutate(String what, IndexMutation mutation) {
        try {
            mutation.run();
        } catch (IOException e) {
            throw new UncheckedIOException(what + " in index " + location + " failed: " + e.getMessage(), e);
        }
        writes.incrementAndGet();
    }

    private static void requireUsableVector(float[] vector, String what) {
        if (vector == null || vector.length == 0) {
            throw new IllegalArgumentException(what + " is empty");
        }
        double squaredNorm = 0;
        for (float component : vector) {
            if (!Float.isFinite(component)) {
                throw new IllegalArgumentException(what + " has a non-finite component");
            }
            squaredNorm += (double) component * component;
        }
        if (squaredNorm == 0) {
            throw new IllegalArgumentException(what + " is all zeros; cosine similarity is undefined for it");
        }
    }

    private long readGeneration(Iterable<Map.Entry<String, String>> commitData) {
        if (commitData == null) {
            return 0;
        }
        for (Map.Entry<String, String> entry : commitData) {
            if (GENERATION_KEY.equals(entry.getKey())) {
                try {
                    return Long.parseLong(entry.getValue());
                } catch (NumberFormatException e) {
                    throw new IllegalStateException("index " + location + " records a malformed generation '"
                            + entry.getValue() + "'; rebuild the index (kb reindex)", e);
                }
            }
        }
        return 0;
    }

    private static void warnIfVectorApiMissing() {
        // Lucene logs its own notice through java.util.logging; say it again where our logs are read.
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()
                && vectorApiWarningLogged.compareAndSet(false, true)) {
            log.warn("JDK module jdk.incubator.vector is not enabled: Lucene scores vectors with scalar code, "
                    + "so kNN search is several times slower. Start the JVM with --add-modules jdk.incubator.vector");
        }
    }

    @FunctionalInterface
    private interface IndexMutation {
        void run() throws IOException;
    }
}
