package io.supportkb.search;

import java.util.List;
import java.util.Locale;

import io.supportkb.search.internal.CachedHits;

/**
 * The "no good match" signal: an off-topic question still gets nearest neighbours, so the ranking alone cannot
 * say "nothing here answers this". The best vector cosine among the hits can: it is compared with a threshold
 * calibrated per model on the demo knowledge base (in-scope questions versus questions about other products;
 * the numbers are in {@code application.yaml}). Keyword mode has no comparable score, so it only reports the
 * absence of any match.
 */
final class MatchQuality {

    private MatchQuality() {
    }

    static CachedHits judge(List<QueryHit> hits, QueryMode mode, String modelId, double threshold) {
        if (hits.isEmpty()) {
            return new CachedHits(hits, true, "No document matched the query (with these filters).", null);
        }
        if (mode == QueryMode.KEYWORD) {
            return new CachedHits(hits, false, "Keyword mode has no similarity threshold; documents contain query "
                    + "terms. Use hybrid or vector mode for the no-good-match signal.", null);
        }
        Float best = QueryService.bestCosine(hits);
        if (best == null) {
            return new CachedHits(hits, true, "No hit was found by vector search.", null);
        }
        boolean weak = best < threshold;
        String reason = String.format(Locale.ROOT, "The best vector cosine %.3f is %s the threshold %.3f of model %s.",
                best, weak ? "below" : "at or above", threshold, modelId);
        return new CachedHits(hits, weak, reason, best);
    }
}
