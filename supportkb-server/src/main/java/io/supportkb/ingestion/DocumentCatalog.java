package io.supportkb.ingestion;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.supportkb.ingestion.internal.CollectionRows;
import io.supportkb.ingestion.internal.DocumentRows;
import io.supportkb.ingestion.internal.JobRows;
import io.supportkb.ingestion.internal.JobsQueued;
import io.supportkb.ingestion.internal.JsonColumns;
import io.supportkb.shared.DocumentKind;
import io.supportkb.shared.UuidV7;

/** Reading, listing, deleting and retrying documents, and a collection's ingestion progress. */
@Service
public class DocumentCatalog {

    private static final int RETRY_BATCH = 500;

    private final CollectionRows collections;
    private final DocumentRows documents;
    private final JobRows jobs;
    private final JsonColumns json;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    public DocumentCatalog(CollectionRows collections, DocumentRows documents, JobRows jobs, JsonColumns json,
                           ApplicationEventPublisher events, TransactionTemplate tx) {
        this.collections = collections;
        this.documents = documents;
        this.jobs = jobs;
        this.json = json;
        this.events = events;
        this.tx = tx;
    }

    public DocumentView get(String collectionId, String documentId) {
        requireCollection(collectionId);
        return find(collectionId, documentId);
    }

    public DocumentPage list(String collectionId, DocumentFilter filter, int page, int size) {
        requireCollection(collectionId);
        if (page < 0) {
            throw IngestionRejected.invalidField("page", "page starts at 0.");
        }
        if (size < 1 || size > 500) {
            throw IngestionRejected.invalidField("size", "size is between 1 and 500.");
        }
        String kind = null;
        if (filter.kind() != null && !filter.kind().isBlank()) {
            DocumentKind k = DocumentKind.fromWire(filter.kind());
            if (k == null) {
                throw IngestionRejected.invalidField("kind", "Unknown kind '" + filter.kind() + "'.");
            }
            kind = k.wireName();
        }
        String tag = filter.tag() == null || filter.tag().isBlank() ? null
                : "%\"" + filter.tag().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "\"%";
        String externalId = filter.externalId() == null || filter.externalId().isBlank() ? null : filter.externalId();
        var rows = documents.list(collectionId, filter.status(), kind, tag, externalId, page * size, size);
        long total = documents.count(collectionId, filter.status(), kind, tag, externalId);
        return new DocumentPage(rows.stream().map(this::view).toList(), page, size, total);
    }

    /**
     * Deletes the document and every other live version of its external id; from then on it is never returned
     * by search ({@link DocumentDeleted} is published in this transaction for each version).
     */
    @Transactional
    public void delete(String collectionId, String documentId) {
        requireCollection(collectionId);
        DocumentView doc = find(collectionId, documentId);
        Instant now = Instant.now();
        List<String> versions = new ArrayList<>();
        if (doc.externalId() != null) {
            versions.addAll(documents.liveVersions(collectionId, doc.externalId(), Integer.MAX_VALUE, false));
        }
        if (!versions.contains(documentId)) {
            versions.add(documentId);
        }
        for (String id : versions) {
            jobs.cancel(id, now);
            if (documents.markDeleted(id, null, now)) {
                events.publishEvent(new DocumentDeleted(collectionId, id, null));
            }
        }
    }

    /** Puts every FAILED document of the collection back in the queue with fresh attempts; returns how many. */
    public int retryFailed(String collectionId) {
        requireCollection(collectionId);
        int total = 0;
        while (true) {
            Integer requeued = tx.execute(status -> {
                List<String> ids = documents.failedIds(collectionId, RETRY_BATCH);
                if (ids.isEmpty()) {
                    return 0;
                }
                Instant now = Instant.now();
                jobs.requeue(ids, now);
                int n = documents.markRetry(ids, now);
                events.publishEvent(new JobsQueued(ids));
                return n;
            });
            if (requeued == null || requeued == 0) {
                return total;
            }
            total += requeued;
        }
    }

    /** Counts by status, throughput over the last {@code window}, an ETA and the latest failures. */
    public IngestionStats stats(String collectionId, Duration window) {
        requireCollection(collectionId);
        Instant now = Instant.now();
        Map<DocumentStatus, Long> counts = documents.countByStatus(collectionId);
        long pending = counts.get(DocumentStatus.RECEIVED) + counts.get(DocumentStatus.QUEUED)
                + counts.get(DocumentStatus.PROCESSING);
        long[] recent = documents.indexedSince(collectionId, now.minus(window));
        double seconds = recent[0] == 0 ? window.toMillis() / 1000.0
                : Math.max(1.0, (now.toEpochMilli() - recent[2]) / 1000.0);
        double docsPerSecond = recent[0] / seconds;
        double chunksPerSecond = recent[1] / seconds;
        Long eta = pending == 0 ? Long.valueOf(0) : docsPerSecond > 0 ? (long) Math.ceil(pending / docsPerSecond) : null;
        return new IngestionStats(collectionId, counts, pending, window, round(docsPerSecond),
                round(chunksPerSecond), eta, documents.recentFailures(collectionId, 10));
    }

    private DocumentView find(String collectionId, String documentId) {
        if (!UuidV7.isWellFormed(documentId)) {
            throw unknownDocument(collectionId, documentId);
        }
        return documents.find(collectionId, documentId).map(this::view)
                .orElseThrow(() -> unknownDocument(collectionId, documentId));
    }

    private static IngestionRejected unknownDocument(String collectionId, String documentId) {
        return new IngestionRejected(IngestionRejected.Reason.UNKNOWN_DOCUMENT,
                "No document '" + documentId + "' in collection '" + collectionId + "'.",
                Map.of("collection", collectionId, "documentId", String.valueOf(documentId)));
    }

    private void requireCollection(String collectionId) {
        if (!collections.exists(collectionId)) {
            throw IngestionRejected.unknownCollection(collectionId);
        }
    }

    private DocumentView view(DocumentRows.DocumentRow r) {
        return new DocumentView(r.id(), r.collectionId(), r.externalId(), r.version(), r.kind(),
                r.textFormat().toLowerCase(), r.title(), r.sourceUri(), json.tags(r.tags()), json.metadata(r.metadata()),
                r.language(), r.contentHash(), r.contentType(), r.originalFilename(), r.sizeBytes(), r.status(),
                r.attempts(), r.lastError(), r.chunkCount(), r.modelId(), r.replacedBy(), r.duplicateOf(),
                r.createdAt(), r.updatedAt(), r.indexedAt());
    }

    private static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
