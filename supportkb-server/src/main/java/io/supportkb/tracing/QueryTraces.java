package io.supportkb.tracing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import io.supportkb.ingestion.CollectionCatalog;
import io.supportkb.search.QueryHit;
import io.supportkb.search.QueryResult;
import io.supportkb.search.QueryService;
import io.supportkb.search.SearchRejected;
import io.supportkb.shared.ConditionalOnRole;
import io.supportkb.shared.Role;
import io.supportkb.shared.UuidV7;
import io.supportkb.tracing.internal.TraceRows;
import io.supportkb.tracing.internal.TraceWriter;

/** Reads, lists and replays query traces. A trace not yet written is read from the writer's queue. */
@Service
@ConditionalOnRole(Role.API)
public class QueryTraces {

    public static final int MAX_PAGE_SIZE = 500;

    private final TraceRows rows;
    private final TraceWriter writer;
    private final QueryService queries;
    private final CollectionCatalog collections;

    QueryTraces(TraceRows rows, TraceWriter writer, QueryService queries, CollectionCatalog collections) {
        this.rows = rows;
        this.writer = writer;
        this.queries = queries;
        this.collections = collections;
    }

    public QueryTrace get(String id) {
        if (!UuidV7.isWellFormed(id)) {
            throw SearchRejected.unknownTrace(id);
        }
        return writer.pending(id).or(() -> rows.find(id)).orElseThrow(() -> SearchRejected.unknownTrace(id));
    }

    public TracePage list(String collection, TraceFilter filter, int page, int size) {
        collections.get(collection);
        if (page < 0) {
            throw SearchRejected.invalidField("page", "page starts at 0.");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw SearchRejected.invalidField("size", "size is between 1 and " + MAX_PAGE_SIZE + ".");
        }
        if (filter.minLatencyMs() != null && (filter.minLatencyMs() < 0 || filter.minLatencyMs().isNaN())) {
            throw SearchRejected.invalidField("minLatencyMs", "minLatencyMs is a number >= 0.");
        }
        return new TracePage(rows.list(collection, filter, page, size), page, size, rows.count(collection, filter));
    }

    /** Runs the traced query again against today's index, bypassing the cache, and compares the hits. */
    public Replay replay(String id) {
        QueryTrace trace = get(id);
        Instant now = Instant.now();
        QueryResult result = queries.rerun(trace.collection(), trace.params().withQuery(trace.query()));
        Map<String, Integer> before = new HashMap<>();
        trace.hits().forEach(h -> before.put(h.documentId(), h.rank()));
        List<Replay.RankChange> added = new ArrayList<>();
        List<Replay.RankChange> moved = new ArrayList<>();
        List<Replay.RankChange> unchanged = new ArrayList<>();
        for (QueryHit hit : result.hits()) {
            Integer old = before.remove(hit.documentId());
            Replay.RankChange change = new Replay.RankChange(hit.documentId(), old, hit.rank());
            (old == null ? added : old == hit.rank() ? unchanged : moved).add(change);
        }
        List<Replay.RankChange> removed = trace.hits().stream().filter(h -> before.containsKey(h.documentId()))
                .map(h -> new Replay.RankChange(h.documentId(), h.rank(), null)).toList();
        return new Replay(trace.id(), trace.collection(), trace.query(), trace.params(), trace.at(), now,
                trace.generation(), result.generation(), trace.modelId(), result.modelId(), result.hits(), added,
                removed, moved, unchanged);
    }
}
