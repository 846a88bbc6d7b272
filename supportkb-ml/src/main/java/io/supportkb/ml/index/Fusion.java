package io.supportkb.ml.index;

import java.util.Locale;

/**
 * How {@link SearchMode#HYBRID} combines the kNN list and the BM25 list into one document ranking. Both work on
 * documents (a document scores as its best chunk in each list); the weight {@link IndexConfig#keywordWeight()}
 * means something different for each, see there.
 */
public enum Fusion {

    /**
     * Reciprocal rank fusion (Cormack, Clarke &amp; Büttcher, 2009): {@code 1/(rrfK + vectorRank) + w/(rrfK +
     * bm25Rank)}, a list that did not return the document contributing 0. Uses ranks only, so it needs no
     * calibration of the two scores; the default.
     */
    RRF,

    /**
     * Convex combination of normalised scores (Bruch, Gai &amp; Ingber, 2023, "An Analysis of Fusion Functions for
     * Hybrid Retrieval", ACM TOIS): {@code (1 - λ)·norm(cosine) + λ·norm(bm25)} with their theoretical min-max
     * scaling, {@code (s - min) / (max - min)} where {@code min} is the score's theoretical minimum (cosine -1,
     * BM25 0) and {@code max} the best score in this query's list, so each list's top document gets 1. Unlike
     * RRF it keeps how far apart the scores are, not only their order.
     */
    CONVEX;

    /** The enum for {@code rrf} or {@code convex}, in any case, as the CLI and the server configuration spell it. */
    public static Fusion named(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fusion must be rrf or convex, was '" + name + "'", e);
        }
    }
}
