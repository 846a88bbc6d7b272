package io.supportkb.ml.index;

import java.util.Objects;

/**
 * Tuning of the knowledge index.
 *
 * <p>HNSW names map to the paper (Malkov &amp; Yashunin, 2018) as follows: {@code hnswM} is <em>M</em>,
 * the maximum number of neighbours per node per layer; {@code hnswBeamWidth} is
 * <em>efConstruction</em>, the candidate list size while building the graph. <em>efSearch</em> is not
 * configured here: Lucene's kNN query {@code k} plays that role and equals the request's candidate
 * depth ({@link SearchRequest#candidates()}, default {@code defaultCandidates}).
 *
 * @param hnswM HNSW M, 1..512 (Lucene's limit); changes apply to newly written segments
 * @param hnswBeamWidth HNSW efConstruction, 1..3200 (Lucene's limit)
 * @param rrfK the constant {@code k} of reciprocal rank fusion {@code sum 1/(k + rank)}, {@code >= 0};
 *     larger values flatten the advantage of top ranks; unused by {@link Fusion#CONVEX}
 * @param defaultCandidates lower bound on the chunks each retriever fetches when a request does not say
 * @param bm25K1 BM25 term-frequency saturation, {@code >= 0}
 * @param bm25B BM25 length normalisation, in [0, 1]
 * @param keywordWeight how much the keyword (BM25) list counts in hybrid fusion, dimensionless. With
 *     {@link Fusion#RRF} the BM25 list's weight in {@code 1/(k + vectorRank) + w/(k + bm25Rank)}, {@code >= 0}:
 *     1 is plain RRF, below 1 suits tasks where BM25 is much weaker than the vectors. With {@link Fusion#CONVEX}
 *     the paper's λ, BM25's share in {@code (1 - λ)·norm(cosine) + λ·norm(bm25)}, in [0, 1]: 0 ranks by the
 *     vectors alone, 0.5 weighs both lists equally, 1 ranks by BM25 alone
 * @param fusion how hybrid search combines the two lists; {@link Fusion#RRF} unless said otherwise
 * @param exactSearchMaxChunks when a search's filter (collection plus filters) matches at most this many chunks,
 *     the kNN retriever scores every one of them (an exact scan, recall 1) instead of walking the HNSW graph,
 *     {@code >= 0}; 0 always uses the graph. An exact scan costs time linear in the matching chunks, but its
 *     ranking does not depend on how the graph happened to be built (insertion order, segments, merges)
 */
public record IndexConfig(int hnswM, int hnswBeamWidth, int rrfK, int defaultCandidates, float bm25K1, float bm25B,
        float keywordWeight, Fusion fusion, int exactSearchMaxChunks) {

    /**
     * Default of {@link #exactSearchMaxChunks()}: the scan costs time linear in the chunks, the graph far less.
     * Measured at the server's default depth (k 100, {@code kb bench search --part exact},
     * bench/results/20261126-034100-exact-vs-hnsw): the scan took 1.6x the graph's time at 10,000 chunks (2.6 vs
     * 2.1 ms p50) and 2.1x at 20,000 (5.8 vs 2.7 ms); the default stays below where it would cost 2x.
     */
    public static final int DEFAULT_EXACT_SEARCH_MAX_CHUNKS = 15_000;

    public IndexConfig {
        if (hnswM < 1 || hnswM > 512) {
            throw new IllegalArgumentException("hnswM must be in 1..512, was " + hnswM);
        }
        if (hnswBeamWidth < 1 || hnswBeamWidth > 3200) {
            throw new IllegalArgumentException("hnswBeamWidth must be in 1..3200, was " + hnswBeamWidth);
        }
        if (rrfK < 0) {
            throw new IllegalArgumentException("rrfK must be >= 0, was " + rrfK);
        }
        if (defaultCandidates < 1) {
            throw new IllegalArgumentException("defaultCandidates must be >= 1, was " + defaultCandidates);
        }
        if (!(bm25K1 >= 0) || Float.isInfinite(bm25K1)) {
            throw new IllegalArgumentException("bm25K1 must be a finite number >= 0, was " + bm25K1);
        }
        if (!(bm25B >= 0 && bm25B <= 1)) {
            throw new IllegalArgumentException("bm25B must be in [0, 1], was " + bm25B);
        }
        Objects.requireNonNull(fusion, "fusion");
        if (!(keywordWeight >= 0) || Float.isInfinite(keywordWeight)) {
            throw new IllegalArgumentException("keywordWeight must be a finite number >= 0, was " + keywordWeight);
        }
        if (fusion == Fusion.CONVEX && keywordWeight > 1) {
            throw new IllegalArgumentException("with convex fusion keywordWeight is λ, BM25's share, and must be in "
                    + "[0, 1], was " + keywordWeight);
        }
        if (exactSearchMaxChunks < 0) {
            throw new IllegalArgumentException("exactSearchMaxChunks must be >= 0, was " + exactSearchMaxChunks);
        }
    }

    /** The default exact-scan threshold ({@value #DEFAULT_EXACT_SEARCH_MAX_CHUNKS} chunks). */
    public IndexConfig(int hnswM, int hnswBeamWidth, int rrfK, int defaultCandidates, float bm25K1, float bm25B,
            float keywordWeight, Fusion fusion) {
        this(hnswM, hnswBeamWidth, rrfK, defaultCandidates, bm25K1, bm25B, keywordWeight, fusion,
                DEFAULT_EXACT_SEARCH_MAX_CHUNKS);
    }

    /** Reciprocal rank fusion with the BM25 list weighted {@code keywordWeight}. */
    public IndexConfig(int hnswM, int hnswBeamWidth, int rrfK, int defaultCandidates, float bm25K1, float bm25B,
            float keywordWeight) {
        this(hnswM, hnswBeamWidth, rrfK, defaultCandidates, bm25K1, bm25B, keywordWeight, Fusion.RRF);
    }

    /** Plain reciprocal rank fusion (keyword weight 1). */
    public IndexConfig(int hnswM, int hnswBeamWidth, int rrfK, int defaultCandidates, float bm25K1, float bm25B) {
        this(hnswM, hnswBeamWidth, rrfK, defaultCandidates, bm25K1, bm25B, 1f);
    }

    /** The same fusion with another keyword weight (validated against it). */
    public IndexConfig withKeywordWeight(float value) {
        return new IndexConfig(hnswM, hnswBeamWidth, rrfK, defaultCandidates, bm25K1, bm25B, value, fusion,
                exactSearchMaxChunks);
    }

    /** Another fusion with its keyword weight: RRF's BM25 weight, or convex fusion's λ. */
    public IndexConfig withFusion(Fusion value, float keywordWeight) {
        return new IndexConfig(hnswM, hnswBeamWidth, rrfK, defaultCandidates, bm25K1, bm25B, keywordWeight, value,
                exactSearchMaxChunks);
    }

    /** The same settings with another exact-scan threshold (0: always walk the HNSW graph). */
    public IndexConfig withExactSearchMaxChunks(int value) {
        return new IndexConfig(hnswM, hnswBeamWidth, rrfK, defaultCandidates, bm25K1, bm25B, keywordWeight, fusion,
                value);
    }

    /**
     * M=16, beamWidth=100, rrfK=60, candidates=100, k1=0.9, b=0.4, plain RRF (keyword weight 1), exact kNN up to
     * {@value #DEFAULT_EXACT_SEARCH_MAX_CHUNKS} matching chunks.
     */
    public static IndexConfig defaults() {
        return new IndexConfig(16, 100, 60, 100, 0.9f, 0.4f);
    }
}
