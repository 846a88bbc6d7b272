package io.supportkb.search.internal;

import java.util.List;

import io.supportkb.ml.answer.GroundedAnswer;
import io.supportkb.search.QueryHit;

/**
 * What the result cache holds for one key: the assembled hits, the no-good-match decision and, when one was asked
 * for, the grounded answer. Per-request facts (trace id, timings, cache outcome) are not cached.
 */
public record CachedHits(List<QueryHit> hits, boolean noGoodMatch, String noGoodMatchReason, Float bestCosine,
                         GroundedAnswer answer) {

    public CachedHits {
        hits = List.copyOf(hits);
    }

    /** Hits without an answer. */
    public CachedHits(List<QueryHit> hits, boolean noGoodMatch, String noGoodMatchReason, Float bestCosine) {
        this(hits, noGoodMatch, noGoodMatchReason, bestCosine, null);
    }

    /** The same hits with an answer. */
    public CachedHits withAnswer(GroundedAnswer value) {
        return new CachedHits(hits, noGoodMatch, noGoodMatchReason, bestCosine, value);
    }
}
