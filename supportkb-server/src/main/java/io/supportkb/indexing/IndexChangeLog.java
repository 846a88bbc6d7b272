package io.supportkb.indexing;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.supportkb.shared.UtcDateTime;

/**
 * Table {@code index_change}: what every API node's index must apply, in generation order. Appends take the
 * {@code index_change_lock} row first, so generations are assigned in commit order and a reader polling
 * {@code generation > last} never skips a change that commits late. Readers need no lock.
 */
@Repository
public class IndexChangeLog {

    private final JdbcClient jdbc;

    public IndexChangeLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends a change in the caller's transaction (holding the log lock until it commits). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String collectionId, String documentId, IndexChange.Op op) {
        jdbc.sql("SELECT id FROM index_change_lock WHERE id = 1 FOR UPDATE").query(Integer.class).single();
        jdbc.sql("INSERT INTO index_change (collection_id, document_id, op, changed_at) VALUES (:c, :d, :op, :at)")
                .param("c", collectionId).param("d", documentId).param("op", op.name())
                .param("at", UtcDateTime.of(Instant.now())).update();
    }

    /** Changes after {@code generation}, oldest first. */
    public List<IndexChange> after(long generation, int limit) {
        return jdbc.sql("SELECT generation, collection_id, document_id, op, changed_at FROM index_change "
                        + "WHERE generation > :g ORDER BY generation LIMIT :limit")
                .param("g", generation).param("limit", limit)
                .query((rs, n) -> new IndexChange(rs.getLong(1), rs.getString(2), rs.getString(3),
                        IndexChange.Op.valueOf(rs.getString(4)),
                        UtcDateTime.toInstant(rs.getObject(5, LocalDateTime.class))))
                .list();
    }

    /** The newest generation, 0 when the log is empty. */
    public long latestGeneration() {
        Long g = jdbc.sql("SELECT MAX(generation) FROM index_change").query(Long.class).optional().orElse(null);
        return g == null ? 0 : g;
    }
}
