package io.supportkb.search;

import java.util.List;

import io.supportkb.ml.answer.GroundedAnswer;

/**
 * The answer to one query.
 *
 * @param collection        the searched collection
 * @param query             the query as sent
 * @param mode              the retrievers that ran
 * @param topK              the requested number of documents
 * @param hits              at most {@code topK} documents, best first
 * @param noGoodMatch       true when nothing in the collection answers the query convincingly: the best vector
 *                          cosine among the hits is below the model's calibrated threshold (or there are no hits)
 * @param noGoodMatchReason why {@code noGoodMatch} is what it is, with the numbers
 * @param bestCosine        the best vector cosine among the hits, {@code null} in keyword mode or without hits
 * @param cache             whether the hits came from the result cache
 * @param traceId           id of the stored trace ({@code GET /api/v1/traces/{id}})
 * @param generation        the collection's index generation the hits reflect (part of the cache key)
 * @param modelId           the embedding model
 * @param timings           milliseconds per stage
 * @param answer            the grounded answer when {@code answer: true} was asked, else {@code null}
 */
public record QueryResult(String collection, String query, QueryMode mode, int topK, List<QueryHit> hits,
                          boolean noGoodMatch, String noGoodMatchReason, Float bestCosine, CacheOutcome cache,
                          String traceId, long generation, String modelId, StageTimings timings,
                          GroundedAnswer answer) {

    public QueryResult {
        hits = List.copyOf(hits);
    }
}
