package io.supportkb.ingestion.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.supportkb.shared.UtcDateTime;

/**
 * Table {@code ingest_job}: the durable queue. Claims, lease renewals and completions are single conditional
 * UPDATEs; a completion names the claim token ({@code lease_owner}), so a worker whose lease was taken over can
 * never overwrite the new owner's work (it is fenced off and rolls back).
 */
@Repository
public class JobRows {

    public enum State {
        QUEUED, PROCESSING, DONE, FAILED, CANCELLED
    }

    /** A due job found by the reconciler. */
    public record DueJob(String documentId, State state, int attempts) {
    }

    /** A successful claim: the attempt number and the job's collection. */
    public record Claim(int attempt, String collectionId) {
    }

    private final JdbcClient jdbc;

    public JobRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String documentId, String collectionId, Instant now) {
        jdbc.sql("INSERT INTO ingest_job (document_id, collection_id, state, attempts, next_attempt_at, created_at, "
                        + "updated_at) VALUES (:id, :c, 'QUEUED', 0, :now, :now, :now)")
                .param("id", documentId).param("c", collectionId).param("now", UtcDateTime.of(now)).update();
    }

    /**
     * QUEUED and due, or PROCESSING with an expired lease → PROCESSING owned by {@code token}.
     *
     * @return the new attempt number and the collection, or empty when someone else holds or finished the job
     */
    public Optional<Claim> claim(String documentId, String token, Instant now, Instant leaseUntil, int maxAttempts) {
        int updated = jdbc.sql("""
                UPDATE ingest_job SET state = 'PROCESSING', attempts = attempts + 1, lease_owner = :token,
                    lease_until = :until, updated_at = :now
                WHERE document_id = :id AND attempts < :max
                  AND ((state = 'QUEUED' AND next_attempt_at <= :now) OR (state = 'PROCESSING' AND lease_until < :now))""")
                .param("id", documentId).param("token", token).param("until", UtcDateTime.of(leaseUntil))
                .param("now", UtcDateTime.of(now)).param("max", maxAttempts).update();
        if (updated == 0) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("SELECT attempts, collection_id FROM ingest_job WHERE document_id = :id")
                .param("id", documentId).query((rs, n) -> new Claim(rs.getInt(1), rs.getString(2))).single());
    }

    public boolean extendLease(String documentId, String token, Instant leaseUntil, Instant now) {
        return jdbc.sql("UPDATE ingest_job SET lease_until = :until, updated_at = :now "
                        + "WHERE document_id = :id AND state = 'PROCESSING' AND lease_owner = :token")
                .param("id", documentId).param("token", token).param("until", UtcDateTime.of(leaseUntil))
                .param("now", UtcDateTime.of(now)).update() == 1;
    }

    /** PROCESSING (still ours) → DONE. False means the lease was lost: the caller must roll back. */
    public boolean finish(String documentId, String token, Instant now) {
        return jdbc.sql("UPDATE ingest_job SET state = 'DONE', lease_owner = NULL, lease_until = NULL, last_error = NULL, "
                        + "updated_at = :now WHERE document_id = :id AND state = 'PROCESSING' AND lease_owner = :token")
                .param("id", documentId).param("token", token).param("now", UtcDateTime.of(now)).update() == 1;
    }

    /** PROCESSING (still ours) → QUEUED for a retry at {@code nextAttempt}, or FAILED. */
    public boolean recordFailure(String documentId, String token, State next, Instant nextAttempt, String error,
                                 Instant now) {
        return jdbc.sql("""
                UPDATE ingest_job SET state = :next, next_attempt_at = :nextAttempt, lease_owner = NULL,
                    lease_until = NULL, published_at = NULL, last_error = :error, updated_at = :now
                WHERE document_id = :id AND state = 'PROCESSING' AND lease_owner = :token""")
                .param("id", documentId).param("token", token).param("next", next.name())
                .param("nextAttempt", UtcDateTime.of(nextAttempt)).param("error", error)
                .param("now", UtcDateTime.of(now)).update() == 1;
    }

    /** Expired lease with no attempts left → FAILED (the worker died on it every time). */
    public boolean failExhausted(String documentId, String error, Instant now, int maxAttempts) {
        return jdbc.sql("""
                UPDATE ingest_job SET state = 'FAILED', lease_owner = NULL, lease_until = NULL, last_error = :error,
                    updated_at = :now
                WHERE document_id = :id AND state = 'PROCESSING' AND lease_until < :now AND attempts >= :max""")
                .param("id", documentId).param("error", error).param("now", UtcDateTime.of(now))
                .param("max", maxAttempts).update() == 1;
    }

    /** Any unfinished state → CANCELLED (the document was deleted or superseded). */
    public void cancel(String documentId, Instant now) {
        jdbc.sql("UPDATE ingest_job SET state = 'CANCELLED', lease_owner = NULL, lease_until = NULL, updated_at = :now "
                        + "WHERE document_id = :id AND state IN ('QUEUED','PROCESSING','FAILED')")
                .param("id", documentId).param("now", UtcDateTime.of(now)).update();
    }

    public void cancelCollection(String collectionId, Instant now) {
        jdbc.sql("UPDATE ingest_job SET state = 'CANCELLED', lease_owner = NULL, lease_until = NULL, updated_at = :now "
                        + "WHERE collection_id = :c AND state IN ('QUEUED','PROCESSING','FAILED')")
                .param("c", collectionId).param("now", UtcDateTime.of(now)).update();
    }

    /** FAILED → QUEUED with fresh attempts (client asked for a retry). */
    public void requeue(Collection<String> documentIds, Instant now) {
        if (!documentIds.isEmpty()) {
            jdbc.sql("UPDATE ingest_job SET state = 'QUEUED', attempts = 0, next_attempt_at = :now, published_at = NULL, "
                            + "last_error = NULL, updated_at = :now WHERE document_id IN (:ids) AND state = 'FAILED'")
                    .param("ids", documentIds).param("now", UtcDateTime.of(now)).update();
        }
    }

    public void markPublished(Collection<String> documentIds, Instant now) {
        if (!documentIds.isEmpty()) {
            jdbc.sql("UPDATE ingest_job SET published_at = :now WHERE document_id IN (:ids) AND state IN ('QUEUED','PROCESSING')")
                    .param("ids", documentIds).param("now", UtcDateTime.of(now)).update();
        }
    }

    /**
     * Jobs a worker could take now whose wake-up may be lost: due QUEUED jobs published before
     * {@code queuedPublishedBefore} (or never), and expired leases published before {@code leasePublishedBefore}.
     */
    public List<DueJob> due(Instant now, Instant queuedPublishedBefore, Instant leasePublishedBefore, int limit) {
        return jdbc.sql("""
                SELECT document_id, state, attempts FROM ingest_job
                WHERE (state = 'QUEUED' AND next_attempt_at <= :now
                       AND (published_at IS NULL OR published_at < :queuedBefore))
                   OR (state = 'PROCESSING' AND lease_until < :now
                       AND (published_at IS NULL OR published_at < :leaseBefore))
                ORDER BY next_attempt_at LIMIT :limit""")
                .param("now", UtcDateTime.of(now)).param("queuedBefore", UtcDateTime.of(queuedPublishedBefore))
                .param("leaseBefore", UtcDateTime.of(leasePublishedBefore))
                .param("limit", limit)
                .query((rs, n) -> new DueJob(rs.getString(1), State.valueOf(rs.getString(2)), rs.getInt(3)))
                .list();
    }

    /** Jobs by state across all collections, every state present. */
    public Map<State, Long> countByState() {
        Map<State, Long> counts = new EnumMap<>(State.class);
        for (State s : State.values()) {
            counts.put(s, 0L);
        }
        jdbc.sql("SELECT state, COUNT(*) FROM ingest_job GROUP BY state")
                .query((java.sql.ResultSet rs) -> {
                    counts.put(State.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }

    /** When the oldest due QUEUED job became due, if any: the queue lag. */
    public Optional<Instant> oldestDue(Instant now) {
        LocalDateTime oldest = jdbc.sql("SELECT MIN(next_attempt_at) FROM ingest_job WHERE state = 'QUEUED' "
                        + "AND next_attempt_at <= :now")
                .param("now", UtcDateTime.of(now)).query(LocalDateTime.class).optional().orElse(null);
        return Optional.ofNullable(UtcDateTime.toInstant(oldest));
    }
}
