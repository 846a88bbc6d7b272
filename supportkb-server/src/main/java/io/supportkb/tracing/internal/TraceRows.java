package io.supportkb.tracing.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import io.supportkb.ingestion.CollectionDeleted;
import io.supportkb.search.CacheOutcome;
import io.supportkb.search.Scores;
import io.supportkb.search.StageTimings;
import io.supportkb.shared.UtcDateTime;
import io.supportkb.ml.answer.GroundedAnswer;
import io.supportkb.tracing.QueryTrace;
import io.supportkb.tracing.TraceFilter;
import io.supportkb.tracing.TraceParams;
import io.supportkb.tracing.TraceSummary;
import io.supportkb.tracing.TracedHit;

import tools.jackson.databind.json.JsonMapper;

/** Tables {@code query_trace} and {@code query_trace_hit} (owned by this module). */
@Repository
public class TraceRows implements TraceWriter.Sink {

    private static final String INSERT_TRACE = "INSERT INTO query_trace (id, created_at, collection_id, caller, "
            + "query_text, params, cache_hit, model_id, index_generation, timings, latency_us, no_good_match, "
            + "hit_count, otel_trace_id, answer_status, answer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_HIT = "INSERT INTO query_trace_hit (trace_id, hit_rank, document_id, "
            + "chunk_ordinal, vector_cosine, vector_rank, bm25_score, bm25_rank, fused_score) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SUMMARY_COLUMNS = "id, created_at, collection_id, caller, query_text, cache_hit, "
            + "model_id, index_generation, latency_us, no_good_match, hit_count";
    private static final int PURGE_BATCH = 500;

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    public TraceRows(JdbcTemplate jdbcTemplate, JdbcClient jdbc, TransactionTemplate tx, JsonMapper json) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
    }

    /** Inserts the traces and their hits as two JDBC batches in one transaction. */
    @Override
    public void write(List<QueryTrace> batch) {
        List<Object[]> hits = new ArrayList<>();
        List<Object[]> traces = new ArrayList<>(batch.size());
        for (QueryTrace t : batch) {
            traces.add(new Object[] {t.id(), UtcDateTime.of(t.at()), t.collection(), truncate(t.caller(), 200),
                    t.query(), json.writeValueAsString(t.params()), t.cache() == CacheOutcome.HIT, t.modelId(),
                    t.generation(), json.writeValueAsString(t.timings()), Math.round(t.latencyMs() * 1000),
                    t.noGoodMatch(), t.hits().size(), t.otelTraceId(),
                    t.answer() == null ? null : t.answer().status().name(),
                    t.answer() == null ? null : json.writeValueAsString(t.answer())});
            for (TracedHit h : t.hits()) {
                Scores s = h.scores();
                hits.add(new Object[] {t.id(), h.rank(), h.documentId(), h.chunkOrdinal(), s.vectorCosine(),
                        s.vectorRank(), s.bm25Score(), s.bm25Rank(), s.fusedScore()});
            }
        }
        tx.executeWithoutResult(status -> {
            jdbcTemplate.batchUpdate(INSERT_TRACE, traces, traces.size(), TraceRows::bind);
            if (!hits.isEmpty()) {
                jdbcTemplate.batchUpdate(INSERT_HIT, hits, hits.size(), TraceRows::bind);
            }
        });
    }

    private static void bind(PreparedStatement statement, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                statement.setNull(i + 1, Types.NULL);
            } else if (v instanceof Boolean b) {
                statement.setBoolean(i + 1, b);
            } else {
                statement.setObject(i + 1, v);
            }
        }
    }

    public Optional<QueryTrace> find(String id) {
        return jdbc.sql("SELECT " + SUMMARY_COLUMNS + ", params, timings, otel_trace_id, answer FROM query_trace "
                        + "WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> {
                    TraceSummary s = summary(rs);
                    return new QueryTrace(s.id(), s.at(), s.collection(), s.caller(), s.query(),
                            json.readValue(rs.getString("params"), TraceParams.class), s.cache(), s.modelId(),
                            s.generation(), json.readValue(rs.getString("timings"), StageTimings.class), s.latencyMs(),
                            s.noGoodMatch(), rs.getString("otel_trace_id"), List.of(), answer(rs.getString("answer")));
                })
                .optional()
                .map(t -> new QueryTrace(t.id(), t.at(), t.collection(), t.caller(), t.query(), t.params(), t.cache(),
                        t.modelId(), t.generation(), t.timings(), t.latencyMs(), t.noGoodMatch(), t.otelTraceId(),
                        hits(t.id()), t.answer()));
    }

    private GroundedAnswer answer(String stored) {
        return stored == null ? null : json.readValue(stored, GroundedAnswer.class);
    }

    private List<TracedHit> hits(String traceId) {
        return jdbc.sql("SELECT hit_rank, document_id, chunk_ordinal, vector_cosine, vector_rank, bm25_score, "
                        + "bm25_rank, fused_score FROM query_trace_hit WHERE trace_id = :id ORDER BY hit_rank")
                .param("id", traceId)
                .query((rs, n) -> new TracedHit(rs.getInt(1), rs.getString(2), rs.getInt(3),
                        new Scores(floatOrNull(rs, 4), intOrNull(rs, 5), floatOrNull(rs, 6), intOrNull(rs, 7),
                                rs.getDouble(8))))
                .list();
    }

    /** A page of the collection's traces matching the filter, newest first. */
    public List<TraceSummary> list(String collection, TraceFilter filter, int page, int size) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(collection, filter, params);
        params.put("limit", size);
        params.put("offset", (long) page * size);
        return jdbc.sql("SELECT " + SUMMARY_COLUMNS + " FROM query_trace " + where
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(params).query((rs, n) -> summary(rs)).list();
    }

    public long count(String collection, TraceFilter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(collection, filter, params);
        return jdbc.sql("SELECT COUNT(*) FROM query_trace " + where).params(params).query(Long.class).single();
    }

    private static String where(String collection, TraceFilter filter, Map<String, Object> params) {
        StringBuilder where = new StringBuilder("WHERE collection_id = :c");
        params.put("c", collection);
        if (filter.from() != null) {
            where.append(" AND created_at >= :from");
            params.put("from", UtcDateTime.of(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" AND created_at < :to");
            params.put("to", UtcDateTime.of(filter.to()));
        }
        if (filter.cache() != null) {
            where.append(" AND cache_hit = :hit");
            params.put("hit", filter.cache() == CacheOutcome.HIT);
        }
        if (filter.minLatencyMs() != null) {
            where.append(" AND latency_us >= :minLatency");
            params.put("minLatency", Math.round(filter.minLatencyMs() * 1000));
        }
        return where.toString();
    }

    /** Deletes traces created before {@code cutoff}, in batches; returns how many. */
    public int purgeBefore(Instant cutoff) {
        int total = 0;
        while (true) {
            List<String> ids = jdbc.sql("SELECT id FROM query_trace WHERE created_at < :cutoff ORDER BY created_at "
                            + "LIMIT :limit")
                    .param("cutoff", UtcDateTime.of(cutoff)).param("limit", PURGE_BATCH).query(String.class).list();
            if (ids.isEmpty()) {
                return total;
            }
            Integer deleted = tx.execute(status -> {
                jdbc.sql("DELETE FROM query_trace_hit WHERE trace_id IN (:ids)").param("ids", ids).update();
                return jdbc.sql("DELETE FROM query_trace WHERE id IN (:ids)").param("ids", ids).update();
            });
            total += deleted == null ? 0 : deleted;
            if (ids.size() < PURGE_BATCH) {
                return total;
            }
        }
    }

    /** A deleted collection takes its traces with it, in the deleting transaction. */
    @EventListener
    public void on(CollectionDeleted deleted) {
        jdbc.sql("DELETE FROM query_trace_hit WHERE trace_id IN (SELECT id FROM query_trace WHERE collection_id = :c)")
                .param("c", deleted.collectionId()).update();
        jdbc.sql("DELETE FROM query_trace WHERE collection_id = :c").param("c", deleted.collectionId()).update();
    }

    private static TraceSummary summary(ResultSet rs) throws SQLException {
        return new TraceSummary(rs.getString("id"),
                UtcDateTime.toInstant(rs.getObject("created_at", LocalDateTime.class)), rs.getString("collection_id"),
                rs.getString("caller"), rs.getString("query_text"), CacheOutcome.of(rs.getBoolean("cache_hit")),
                rs.getString("model_id"), rs.getLong("index_generation"), rs.getLong("latency_us") / 1000.0,
                rs.getBoolean("no_good_match"), rs.getInt("hit_count"));
    }

    private static Float floatOrNull(ResultSet rs, int column) throws SQLException {
        float value = rs.getFloat(column);
        return rs.wasNull() ? null : value;
    }

    private static Integer intOrNull(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
