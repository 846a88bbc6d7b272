package io.supportkb.indexing;

import java.time.Duration;

import io.supportkb.ml.index.Fusion;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the indexing worker ({@code supportkb.indexing.*}); every default is in {@code application.yaml}.
 *
 * @param workerThreads     documents processed at once by this process (0: claim nothing, e.g. an API-only node)
 * @param pollTimeout       how long a worker thread waits for a wake-up before checking whether to stop
 * @param heartbeatInterval how often leases of in-flight jobs are extended; well below the lease duration
 * @param shutdownTimeout   how long stopping waits for in-flight documents before interrupting them
 * @param model             the embedding model and how it runs
 * @param chunking          chunk budget and overlap, in the model's tokens
 * @param index             the Lucene index every API node keeps, derived from the database
 */
@Validated
@ConfigurationProperties("supportkb.indexing")
public record IndexingProperties(@PositiveOrZero int workerThreads, @NotNull Duration pollTimeout,
                                 @NotNull Duration heartbeatInterval, @NotNull Duration shutdownTimeout,
                                 @NotNull @Valid Model model, @NotNull @Valid Chunking chunking,
                                 @NotNull @Valid Index index) {

    /**
     * @param name           built-in model id (bge-small-en-v1.5, all-minilm-l6-v2, e5-small-v2) or a local model folder
     * @param sessions       ONNX Runtime sessions for passages, run in parallel (one per busy worker thread)
     * @param intraOpThreads ONNX Runtime intra-op threads per passage session
     * @param queryIntraOpThreads intra-op threads of the session kept for queries (0: queries share the passage
     *                       sessions); a busy query session lets a query run on a free passage session
     */
    public record Model(@NotBlank String name, @Positive int sessions, @Positive int intraOpThreads,
                        @PositiveOrZero int queryIntraOpThreads) {
    }

    /**
     * @param maxTokens     chunk budget in model tokens (heading path included)
     * @param overlapTokens overlap between pieces of a split block
     */
    public record Chunking(@Positive int maxTokens, @PositiveOrZero int overlapTokens) {
    }

    /**
     * @param hnswM            HNSW max connections per node (M in the paper)
     * @param hnswBeamWidth    HNSW efConstruction
     * @param rrfK             reciprocal rank fusion constant
     * @param candidates       chunks each retriever fetches before grouping by document (kNN efSearch)
     * @param bm25K1           BM25 term-frequency saturation
     * @param bm25B            BM25 length normalisation
     * @param fusion           how hybrid search fuses the kNN and BM25 lists: rrf (reciprocal rank fusion) or convex
     *                         ({@code (1 - λ)·norm(cosine) + λ·norm(bm25)}); see {@link Fusion}
     * @param keywordWeight    rrf: weight of the BM25 list (vector list: 1), 1 is plain RRF; convex: λ, BM25's
     *                         share in [0, 1]
     * @param exactSearchMaxChunks a search whose filter matches at most this many chunks scores them all exactly
     *                         instead of walking the HNSW graph (recall 1, ranking independent of how the graph was
     *                         built); 0: always the graph
     * @param pollInterval     how often an API node applies new index changes from the database
     * @param commitInterval   how often applied changes are committed to disk
     */
    public record Index(@Positive int hnswM, @Positive int hnswBeamWidth, @Positive int rrfK, @Positive int candidates,
                        @Positive float bm25K1, @PositiveOrZero float bm25B, @NotNull Fusion fusion,
                        @PositiveOrZero float keywordWeight,
                        @PositiveOrZero int exactSearchMaxChunks,
                        @NotNull Duration pollInterval,
                        @NotNull Duration commitInterval) {

        /** Checked at startup with the other constraints, so the message names the property. */
        @AssertTrue(message = "with fusion convex, keyword-weight is λ, BM25's share, and must be in [0, 1]")
        public boolean isKeywordWeightAShareWhenConvex() {
            return fusion != Fusion.CONVEX || keywordWeight <= 1;
        }
    }
}
