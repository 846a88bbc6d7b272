package io.supportkb.search.internal;

import java.util.List;

import io.supportkb.search.QueryHit;

/**
 * What the result cache holds for one key: the assembled hits and the no-good-match decision. Per-request facts
 * (trace id, timings, cache outcome) are not cached.
 */
public record CachedHits(List<QueryHit> hits, boolean noGoodMatch, String noGoodMatchReason, Float bestCosine) {

    public CachedHits {
        hits = List.copyOf(hits);
    }
}
