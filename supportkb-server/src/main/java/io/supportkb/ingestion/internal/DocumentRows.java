package io.supportkb.ingestion.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.supportkb.ingestion.DocumentStatus;
import io.supportkb.ingestion.IngestionStats;
import io.supportkb.shared.UtcDateTime;

/**
 * Table {@code document} (and {@code document_source}). Every status change is one conditional UPDATE whose
 * {@code WHERE} names the status it expects, so two actors can never both win a transition.
 */
@Repository
public class DocumentRows {

    /** Everything stored about a document version except its text. */
    public record DocumentRow(String id, String collectionId, String externalId, int version, String kind,
                              String textFormat, String title, String sourceUri, String tags, String metadata,
                              String language, String contentHash, String contentType, String originalFilename,
                              long sizeBytes, DocumentStatus status, int attempts, String lastError,
                              Integer chunkCount, String modelId, String replacedBy, String duplicateOf,
                              Instant createdAt, Instant updatedAt, Instant indexedAt) {
    }

    /** A new version to insert. Exactly one of {@code extractedText} (text intake) and {@code source} (file). */
    public record NewRow(String id, String collectionId, String externalId, int version, String kind,
                         String textFormat, String title, String sourceUri, String tags, String metadata,
                         String language, String contentHash, String sourceHash, String dedupKey,
                         String extractedText, byte[] source, String contentType, String originalFilename,
                         long sizeBytes) {
    }

    /** What a worker needs to index a version. */
    public record Content(String id, String collectionId, String externalId, int version, String kind,
                          String textFormat, String title, String sourceUri, String tags, String language,
                          String contentType, String originalFilename, String extractedText, String contentHash) {
    }

    /** The identity of a live version that an upload collided with. */
    public record Existing(String id, String externalId, int version, DocumentStatus status) {
    }

    private static final String COLUMNS = "id, collection_id, external_id, version, kind, text_format, title, "
            + "source_uri, tags, metadata, language, content_hash, content_type, original_filename, size_bytes, "
            + "status, attempts, last_error, chunk_count, model_id, replaced_by, duplicate_of, created_at, "
            + "updated_at, indexed_at";

    private final JdbcClient jdbc;

    public DocumentRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(NewRow row, Instant now) {
        jdbc.sql("""
                INSERT INTO document (id, collection_id, external_id, version, kind, text_format, title, source_uri,
                    tags, metadata, language, content_hash, source_hash, dedup_key, extracted_text, content_type,
                    original_filename, size_bytes, status, attempts, created_at, updated_at)
                VALUES (:id, :collection, :externalId, :version, :kind, :format, :title, :sourceUri, :tags,
                    :metadata, :language, :contentHash, :sourceHash, :dedupKey, :text, :contentType, :filename,
                    :size, 'RECEIVED', 0, :now, :now)""")
                .param("id", row.id()).param("collection", row.collectionId()).param("externalId", row.externalId())
                .param("version", row.version()).param("kind", row.kind()).param("format", row.textFormat())
                .param("title", row.title()).param("sourceUri", row.sourceUri()).param("tags", row.tags())
                .param("metadata", row.metadata()).param("language", row.language())
                .param("contentHash", row.contentHash()).param("sourceHash", row.sourceHash())
                .param("dedupKey", row.dedupKey()).param("text", row.extractedText())
                .param("contentType", row.contentType()).param("filename", row.originalFilename())
                .param("size", row.sizeBytes()).param("now", UtcDateTime.of(now))
                .update();
        if (row.source() != null) {
            jdbc.sql("INSERT INTO document_source (document_id, content) VALUES (:id, :content)")
                    .param("id", row.id()).param("content", row.source()).update();
        }
    }

    public Optional<Existing> findByDedupKey(String collectionId, String dedupKey) {
        return jdbc.sql("SELECT id, external_id, version, status FROM document "
                        + "WHERE collection_id = :c AND dedup_key = :k")
                .param("c", collectionId).param("k", dedupKey)
                .query((rs, n) -> new Existing(rs.getString(1), rs.getString(2), rs.getInt(3),
                        DocumentStatus.valueOf(rs.getString(4))))
                .optional();
    }

    /** The highest version ever given to this external id in the collection (deleted ones included), or 0. */
    public int latestVersion(String collectionId, String externalId) {
        Integer max = jdbc.sql("SELECT MAX(version) FROM document WHERE collection_id = :c AND external_id = :e")
                .param("c", collectionId).param("e", externalId).query(Integer.class).optional().orElse(null);
        return max == null ? 0 : max;
    }

    /** Ids of versions of an external id that are not DELETED, optionally only those below a version. */
    public List<String> liveVersions(String collectionId, String externalId, int belowVersion, boolean pendingOnly) {
        return jdbc.sql("SELECT id FROM document WHERE collection_id = :c AND external_id = :e AND version < :v "
                        + "AND status " + (pendingOnly ? "IN ('RECEIVED','QUEUED','PROCESSING')" : "<> 'DELETED'")
                        + " ORDER BY version")
                .param("c", collectionId).param("e", externalId).param("v", belowVersion)
                .query(String.class).list();
    }

    /**
     * Another live document in the collection with the same text, if any (the oldest). Versions of the same
     * external id do not count: a replacement with unchanged text is handled by its version chain.
     */
    public Optional<String> findOtherWithContent(String collectionId, String contentHash, String exceptId,
                                                 String exceptExternalId) {
        String sameExternal = exceptExternalId == null ? "" : " AND (external_id IS NULL OR external_id <> :e)";
        return jdbc.sql("SELECT id FROM document WHERE collection_id = :c AND content_hash = :h AND id <> :id "
                        + "AND status IN ('INDEXED','PROCESSING','QUEUED','RECEIVED')" + sameExternal
                        + " ORDER BY created_at, id LIMIT 1")
                .param("c", collectionId).param("h", contentHash).param("id", exceptId).param("e", exceptExternalId)
                .query(String.class).optional();
    }

    public Optional<DocumentRow> find(String collectionId, String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM document WHERE id = :id AND collection_id = :c")
                .param("id", id).param("c", collectionId).query(DocumentRows::row).optional();
    }

    public Optional<Content> content(String id) {
        return jdbc.sql("SELECT id, collection_id, external_id, version, kind, text_format, title, source_uri, tags, "
                        + "language, content_type, original_filename, extracted_text, content_hash "
                        + "FROM document WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new Content(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14)))
                .optional();
    }

    public Optional<byte[]> source(String id) {
        return jdbc.sql("SELECT content FROM document_source WHERE document_id = :id").param("id", id)
                .query((rs, n) -> rs.getBytes(1)).optional();
    }

    public List<DocumentRow> list(String collectionId, DocumentStatus status, String kind, String tagPattern,
                                  String externalId, int offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM document " + where(status, kind, tagPattern, externalId)
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .param("c", collectionId).param("status", status == null ? null : status.name())
                .param("kind", kind).param("tag", tagPattern).param("e", externalId)
                .param("limit", limit).param("offset", offset)
                .query(DocumentRows::row).list();
    }

    public long count(String collectionId, DocumentStatus status, String kind, String tagPattern, String externalId) {
        return jdbc.sql("SELECT COUNT(*) FROM document " + where(status, kind, tagPattern, externalId))
                .param("c", collectionId).param("status", status == null ? null : status.name())
                .param("kind", kind).param("tag", tagPattern).param("e", externalId)
                .query(Long.class).single();
    }

    private static String where(DocumentStatus status, String kind, String tagPattern, String externalId) {
        StringBuilder where = new StringBuilder("WHERE collection_id = :c");
        where.append(status == null ? " AND status <> 'DELETED'" : " AND status = :status");
        if (kind != null) {
            where.append(" AND kind = :kind");
        }
        if (tagPattern != null) {
            where.append(" AND tags LIKE :tag");
        }
        if (externalId != null) {
            where.append(" AND external_id = :e");
        }
        return where.toString();
    }

    /** Counts by status for one collection, every status present. */
    public Map<DocumentStatus, Long> countByStatus(String collectionId) {
        Map<DocumentStatus, Long> counts = new EnumMap<>(DocumentStatus.class);
        for (DocumentStatus s : DocumentStatus.values()) {
            counts.put(s, 0L);
        }
        jdbc.sql("SELECT status, COUNT(*) FROM document WHERE collection_id = :c GROUP BY status")
                .param("c", collectionId)
                .query((ResultSet rs) -> {
                    counts.put(DocumentStatus.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }

    /** Documents indexed since {@code since}: [count, sum of chunks, earliest indexed_at millis or 0]. */
    public long[] indexedSince(String collectionId, Instant since) {
        return jdbc.sql("SELECT COUNT(*), COALESCE(SUM(chunk_count), 0), MIN(indexed_at) FROM document "
                        + "WHERE collection_id = :c AND indexed_at >= :since")
                .param("c", collectionId).param("since", UtcDateTime.of(since))
                .query((rs, n) -> {
                    LocalDateTime first = rs.getObject(3, LocalDateTime.class);
                    return new long[] {rs.getLong(1), rs.getLong(2),
                            first == null ? 0 : UtcDateTime.toInstant(first).toEpochMilli()};
                })
                .single();
    }

    /** The latest failed documents and documents waiting for a retry, newest first. */
    public List<IngestionStats.Failure> recentFailures(String collectionId, int limit) {
        return jdbc.sql("SELECT id, external_id, title, status, attempts, last_error, updated_at FROM document "
                        + "WHERE collection_id = :c AND last_error IS NOT NULL AND status IN ('FAILED','QUEUED') "
                        + "ORDER BY updated_at DESC LIMIT :limit")
                .param("c", collectionId).param("limit", limit)
                .query((rs, n) -> new IngestionStats.Failure(rs.getString(1), rs.getString(2), rs.getString(3),
                        DocumentStatus.valueOf(rs.getString(4)), rs.getInt(5), rs.getString(6),
                        UtcDateTime.toInstant(rs.getObject(7, LocalDateTime.class))))
                .list();
    }

    // ---- transitions: one conditional UPDATE each -------------------------------------------------------------

    /** RECEIVED → QUEUED once the wake-up was handed to the queue. */
    public void markQueued(Collection<String> ids, Instant now) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE document SET status = 'QUEUED', updated_at = :now WHERE id IN (:ids) AND status = 'RECEIVED'")
                    .param("ids", ids).param("now", UtcDateTime.of(now)).update();
        }
    }

    /** A worker claimed the job: RECEIVED/QUEUED/PROCESSING (lease taken over) → PROCESSING. */
    public boolean markProcessing(String id, int attempts, Instant now) {
        return jdbc.sql("UPDATE document SET status = 'PROCESSING', attempts = :attempts, updated_at = :now "
                        + "WHERE id = :id AND status IN ('RECEIVED','QUEUED','PROCESSING')")
                .param("id", id).param("attempts", attempts).param("now", UtcDateTime.of(now)).update() == 1;
    }

    /** PROCESSING → INDEXED with the text that was indexed. */
    public boolean markIndexed(String id, String text, String contentHash, String textFormat, String title,
                               int chunkCount, String modelId, Instant now) {
        return jdbc.sql("""
                UPDATE document SET status = 'INDEXED', extracted_text = :text, content_hash = :hash,
                    text_format = :format, title = COALESCE(title, :title), chunk_count = :chunks, model_id = :model,
                    last_error = NULL, indexed_at = :now, updated_at = :now
                WHERE id = :id AND status = 'PROCESSING'""")
                .param("id", id).param("text", text).param("hash", contentHash).param("format", textFormat)
                .param("title", title).param("chunks", chunkCount).param("model", modelId)
                .param("now", UtcDateTime.of(now)).update() == 1;
    }

    /** PROCESSING → DELETED because another live document has the same text. */
    public boolean markDuplicate(String id, String duplicateOf, String contentHash, Instant now) {
        return jdbc.sql("""
                UPDATE document SET status = 'DELETED', duplicate_of = :other, content_hash = :hash, dedup_key = NULL,
                    last_error = :error, updated_at = :now
                WHERE id = :id AND status = 'PROCESSING'""")
                .param("id", id).param("other", duplicateOf).param("hash", contentHash)
                .param("error", "Same text as document " + duplicateOf + "; not indexed twice.")
                .param("now", UtcDateTime.of(now)).update() == 1;
    }

    /** PROCESSING → QUEUED (will retry) or FAILED, with the error. */
    public boolean markAttemptFailed(String id, DocumentStatus next, String error, Instant now) {
        return jdbc.sql("UPDATE document SET status = :next, last_error = :error, updated_at = :now "
                        + "WHERE id = :id AND status = 'PROCESSING'")
                .param("id", id).param("next", next.name()).param("error", error)
                .param("now", UtcDateTime.of(now)).update() == 1;
    }

    /** Any live status → DELETED; {@code replacedBy} is set when a newer version took its place. */
    public boolean markDeleted(String id, String replacedBy, Instant now) {
        return jdbc.sql("UPDATE document SET status = 'DELETED', replaced_by = :by, dedup_key = NULL, updated_at = :now "
                        + "WHERE id = :id AND status <> 'DELETED'")
                .param("id", id).param("by", replacedBy).param("now", UtcDateTime.of(now)).update() == 1;
    }

    /** Every live document of a collection → DELETED (the collection is going away). */
    public void markCollectionDeleted(String collectionId, Instant now) {
        jdbc.sql("UPDATE document SET status = 'DELETED', dedup_key = NULL, updated_at = :now "
                        + "WHERE collection_id = :c AND status <> 'DELETED'")
                .param("c", collectionId).param("now", UtcDateTime.of(now)).update();
    }

    /** FAILED → RECEIVED for a retry requested by a client. */
    public int markRetry(Collection<String> ids, Instant now) {
        return ids.isEmpty() ? 0 : jdbc.sql("UPDATE document SET status = 'RECEIVED', attempts = 0, last_error = NULL, "
                        + "updated_at = :now WHERE id IN (:ids) AND status = 'FAILED'")
                .param("ids", ids).param("now", UtcDateTime.of(now)).update();
    }

    public List<String> failedIds(String collectionId, int limit) {
        return jdbc.sql("SELECT id FROM document WHERE collection_id = :c AND status = 'FAILED' ORDER BY id LIMIT :limit")
                .param("c", collectionId).param("limit", limit).query(String.class).list();
    }

    private static DocumentRow row(ResultSet rs, int n) throws SQLException {
        return new DocumentRow(rs.getString("id"), rs.getString("collection_id"), rs.getString("external_id"),
                rs.getInt("version"), rs.getString("kind"), rs.getString("text_format"), rs.getString("title"),
                rs.getString("source_uri"), rs.getString("tags"), rs.getString("metadata"), rs.getString("language"),
                rs.getString("content_hash"), rs.getString("content_type"), rs.getString("original_filename"),
                rs.getLong("size_bytes"), DocumentStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                rs.getString("last_error"), (Integer) rs.getObject("chunk_count", Integer.class),
                rs.getString("model_id"), rs.getString("replaced_by"), rs.getString("duplicate_of"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "indexed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return UtcDateTime.toInstant(rs.getObject(column, LocalDateTime.class));
    }
}
