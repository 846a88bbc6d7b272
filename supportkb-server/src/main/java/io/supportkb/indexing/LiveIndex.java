package io.supportkb.indexing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.supportkb.ml.index.IndexConfig;
import io.supportkb.ml.index.IndexedChunk;
import io.supportkb.ml.index.KnowledgeIndex;
import io.supportkb.ml.index.SearchRequest;
import io.supportkb.ml.index.SearchResult;
import io.supportkb.shared.NodeProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's Lucene index: derived data that follows the database's {@code index_change} log in generation
 * order. At start it catches up from the generation in its last commit (or rebuilds from scratch when the
 * database is behind the index, e.g. a new database); afterwards it polls for new changes every {@code
 * supportkb.indexing.index.poll-interval}. An UPSERT reloads the document's stored chunks and embeddings (no
 * re-embedding); a DELETE removes the document or the whole collection. A document is searchable only while it
 * is INDEXED, so a deleted or replaced document is never returned once its change is applied.
 *
 * <p>Thread-safe: changes are applied under this object's lock; searches run concurrently.
 */
public class LiveIndex implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LiveIndex.class);
    private static final int BATCH = 500;

    private final IndexChangeLog changes;
    private final IndexedDocuments documents;
    private final Path directory;
    private final IndexConfig config;
    private final Duration commitInterval;
    private final Map<String, Long> collectionGenerations = new ConcurrentHashMap<>();
    private volatile KnowledgeIndex index;
    private volatile long applied;
    private volatile long baseline;
    private long committed;
    private Instant lastCommit = Instant.now();

    public LiveIndex(IndexChangeLog changes, IndexedDocuments documents, NodeProperties node,
                     IndexingProperties settings, MeterRegistry meters) {
        this.changes = changes;
        this.documents = documents;
        this.directory = node.dataDir().resolve("index");
        IndexingProperties.Index s = settings.index();
        this.config = new IndexConfig(s.hnswM(), s.hnswBeamWidth(), s.rrfK(), s.candidates(), s.bm25K1(), s.bm25B(),
                s.keywordWeight(), s.fusion(), s.exactSearchMaxChunks());
        this.commitInterval = s.commitInterval();
        Gauge.builder("supportkb.index.generation", this, LiveIndex::appliedGeneration)
                .description("last index change applied to this node's Lucene index").register(meters);
        Gauge.builder("supportkb.index.lag", this, LiveIndex::lag)
                .description("index changes in the database not yet applied on this node").register(meters);
    }

    /** Opens the index and applies every change it missed; rebuilds when the database is behind the index. */
    public synchronized void start() {
        index = KnowledgeIndex.open(directory, config);
        long latest = changes.latestGeneration();
        if (index.committedGeneration() > latest) {
            log.warn("index at {} is at generation {} but the database log ends at {}: rebuilding from the database",
                    directory, index.committedGeneration(), latest);
            wipe();
        }
        applied = index.committedGeneration();
        committed = applied;
        baseline = applied;
        long started = System.nanoTime();
        int count = catchUp();
        log.info("index at {} caught up to generation {} ({} changes applied in {} ms)", directory, applied, count,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Applies all pending changes; called by the poller. Returns how many changes were applied. */
    public synchronized int catchUp() {
        int total = 0;
        List<IndexChange> batch;
        do {
            batch = changes.after(applied, BATCH);
            for (IndexChange change : batch) {
                apply(change);
                applied = change.generation();
                collectionGenerations.put(change.collectionId(), change.generation());
            }
            total += batch.size();
        } while (batch.size() == BATCH);
        // Commit once the log is drained, or at least every commit interval while changes keep coming.
        if (applied > committed && (total == 0 || Duration.between(lastCommit, Instant.now()).compareTo(commitInterval) >= 0)) {
            commit();
        }
        return total;
    }

    private void apply(IndexChange change) {
        if (change.documentId() == null) {
            index.deleteCollection(change.collectionId());
            return;
        }
        if (change.op() == IndexChange.Op.DELETE) {
            index.deleteDocument(change.collectionId(), change.documentId());
            return;
        }
        List<IndexedChunk> chunks = documents.searchableChunks(change.documentId());
        if (chunks.isEmpty()) {
            index.deleteDocument(change.collectionId(), change.documentId());
        } else {
            index.replaceDocument(change.collectionId(), change.documentId(), chunks);
        }
        for (String older : documents.replacedBy(change.documentId())) {
            index.deleteDocument(change.collectionId(), older);
        }
    }

    private synchronized void commit() {
        index.commit(applied);
        committed = applied;
        lastCommit = Instant.now();
    }

    /**
     * Drops the index and replays the whole change log from the stored chunks and embeddings (no model
     * needed). Searches during the rebuild see a partial index.
     */
    public synchronized int rebuild() {
        wipe();
        applied = 0;
        committed = 0;
        collectionGenerations.clear();
        int count = catchUp();
        commit();
        return count;
    }

    private void wipe() {
        index.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(directory)).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear index folder " + directory, e);
        }
        index = KnowledgeIndex.open(directory, config);
    }

    public SearchResult search(SearchRequest request) {
        return index.search(request);
    }

    /**
     * A number that changes whenever anything in the collection changes on this node's index: the generation of
     * the last applied change to the collection, or the generation this node started from. Part of every cache
     * key, so a cached result can never outlive an indexing or a deletion.
     */
    public long collectionGeneration(String collectionId) {
        return collectionGenerations.getOrDefault(collectionId, baseline);
    }

    public long appliedGeneration() {
        return applied;
    }

    public double lag() {
        try {
            return Math.max(0, changes.latestGeneration() - applied);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    public int chunkCount(String collectionId) {
        return index.chunkCount(collectionId);
    }

    public IndexConfig config() {
        return config;
    }

    @Override
    public synchronized void close() {
        if (index != null) {
            if (applied > committed) {
                index.commit(applied);
            }
            index.close();
        }
    }

    /** Read access to INDEXED documents' stored chunks, for {@link LiveIndex}. */
    public interface IndexedDocuments {

        /** The document's chunks with embeddings, ready to index; empty unless it is INDEXED. */
        List<IndexedChunk> searchableChunks(String documentId);

        /** Ids of earlier versions replaced by this document. */
        List<String> replacedBy(String documentId);
    }
}
