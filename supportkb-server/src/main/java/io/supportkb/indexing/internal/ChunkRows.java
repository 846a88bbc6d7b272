package io.supportkb.indexing.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.supportkb.indexing.ChunkToStore;
import io.supportkb.indexing.EmbeddingCodec;
import io.supportkb.shared.UtcDateTime;

/** Table {@code chunk}. */
@Repository
public class ChunkRows {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    public ChunkRows(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * Replaces all chunks of a document (one batch insert). The DELETE runs only when the document has chunks:
     * on InnoDB a DELETE that matches nothing still gap-locks the unique (document_id, ordinal) index, and two
     * workers inserting chunks of neighbouring (time-ordered) ids then deadlock on that gap.
     */
    public void replace(String documentId, String collectionId, List<ChunkToStore> chunks, String modelId) {
        if (countByDocument(documentId) > 0) {
            deleteByDocument(documentId);
        }
        var now = UtcDateTime.of(Instant.now());
        template.batchUpdate("""
                INSERT INTO chunk (document_id, collection_id, ordinal, text, context, char_start, char_end,
                    token_count, content_hash, embedding, embedding_model, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                ChunkToStore c = chunks.get(i);
                ps.setString(1, documentId);
                ps.setString(2, collectionId);
                ps.setInt(3, c.ordinal());
                ps.setString(4, c.text());
                ps.setString(5, c.context());
                ps.setInt(6, c.charStart());
                ps.setInt(7, c.charEnd());
                ps.setInt(8, c.tokenCount());
                ps.setString(9, c.contentHash());
                if (c.embedding() == null) {
                    ps.setNull(10, Types.BLOB);
                } else {
                    ps.setBytes(10, EmbeddingCodec.encode(c.embedding()));
                }
                ps.setString(11, modelId);
                ps.setObject(12, now);
            }

            @Override
            public int getBatchSize() {
                return chunks.size();
            }
        });
    }

    public void deleteByDocument(String documentId) {
        jdbc.sql("DELETE FROM chunk WHERE document_id = :id").param("id", documentId).update();
    }

    public void deleteByCollection(String collectionId) {
        jdbc.sql("DELETE FROM chunk WHERE collection_id = :c").param("c", collectionId).update();
    }

    public int countByDocument(String documentId) {
        return jdbc.sql("SELECT COUNT(*) FROM chunk WHERE document_id = :id").param("id", documentId)
                .query(Integer.class).single();
    }
}
