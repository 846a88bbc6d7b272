package io.supportkb.ingestion.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.supportkb.shared.UtcDateTime;

/** Table {@code collection}. */
@Repository
public class CollectionRows {

    public record CollectionRow(String id, String description, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    public CollectionRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String id, String description, Instant now) {
        jdbc.sql("INSERT INTO collection (id, description, created_at) VALUES (:id, :description, :now)")
                .param("id", id).param("description", description).param("now", UtcDateTime.of(now)).update();
    }

    public Optional<CollectionRow> find(String id) {
        return jdbc.sql("SELECT id, description, created_at FROM collection WHERE id = :id").param("id", id)
                .query((rs, n) -> new CollectionRow(rs.getString(1), rs.getString(2),
                        UtcDateTime.toInstant(rs.getObject(3, LocalDateTime.class))))
                .optional();
    }

    public boolean exists(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM collection WHERE id = :id").param("id", id)
                .query(Long.class).single() > 0;
    }

    public List<CollectionRow> list() {
        return jdbc.sql("SELECT id, description, created_at FROM collection ORDER BY id")
                .query((rs, n) -> new CollectionRow(rs.getString(1), rs.getString(2),
                        UtcDateTime.toInstant(rs.getObject(3, LocalDateTime.class))))
                .list();
    }

    /** Removes the collection row and its documents, sources and jobs; chunks must already be gone. */
    public void deleteWithDocuments(String id) {
        jdbc.sql("DELETE FROM ingest_job WHERE collection_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM document_source WHERE document_id IN (SELECT d.id FROM document d WHERE d.collection_id = :id)")
                .param("id", id).update();
        jdbc.sql("DELETE FROM document WHERE collection_id = :id").param("id", id).update();
        jdbc.sql("DELETE FROM collection WHERE id = :id").param("id", id).update();
    }
}
