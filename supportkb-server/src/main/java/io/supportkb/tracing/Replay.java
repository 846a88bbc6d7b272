package io.supportkb.tracing;

import java.time.Instant;
import java.util.List;

import io.supportkb.search.QueryHit;

/**
 * A traced query run again against today's index (result cache bypassed), and how its hits changed.
 *
 * @param traceId        the replayed trace
 * @param collection     the collection
 * @param query          the query
 * @param params         its parameters
 * @param tracedAt       when it originally ran
 * @param replayedAt     when it ran again
 * @param generationThen the collection's index generation then
 * @param generationNow  the collection's index generation now
 * @param modelThen      the model then
 * @param modelNow       the model now
 * @param hits           today's hits
 * @param added          documents returned now but not then (oldRank null)
 * @param removed        documents returned then but not now (newRank null)
 * @param moved          documents returned both times at different ranks
 * @param unchanged      documents returned both times at the same rank
 */
public record Replay(String traceId, String collection, String query, TraceParams params, Instant tracedAt,
                     Instant replayedAt, long generationThen, long generationNow, String modelThen, String modelNow,
                     List<QueryHit> hits, List<RankChange> added, List<RankChange> removed, List<RankChange> moved,
                     List<RankChange> unchanged) {

    /** A document's rank then and now; {@code null} where it was not returned. */
    public record RankChange(String documentId, Integer oldRank, Integer newRank) {
    }
}
