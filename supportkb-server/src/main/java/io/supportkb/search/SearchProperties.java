package io.supportkb.search;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import io.supportkb.ml.index.VectorFeedback;

/**
 * Settings of the query pipeline ({@code supportkb.search.*}); every default is in {@code application.yaml}.
 *
 * @param maxQueryChars           longest accepted query in characters (400 above); a query is also refused when
 *                                it has more tokens than the embedding model accepts
 * @param defaultTopK             documents returned when the request names no {@code topK}
 * @param maxTopK                 largest accepted {@code topK}
 * @param maxChunksPerDocument    largest accepted {@code chunksPerDocument}
 * @param explainCandidates       chunks each retriever fetches when {@code explain} looks for a document
 * @param collectionCheckTtl      how long this node trusts that a collection exists before asking again (a local
 *                                deletion is seen at once; another node's within this time)
 * @param noGoodMatch             the "no good match" threshold
 * @param cache                   the query-result and query-embedding caches
 * @param queriesAsPassages       embed queries exactly as passages, without the model's retrieval instruction: for
 *                                collections searched question-to-question (past tickets, FAQs matched by question),
 *                                where bge's authors advise no instruction (Banking77: nDCG@10 0.8985 vs 0.897)
 * @param feedback                pseudo-relevance feedback of the kNN retriever (off unless configured)
 */
@Validated
@ConfigurationProperties("supportkb.search")
public record SearchProperties(@Positive int maxQueryChars, @Positive int defaultTopK, @Positive @Max(1000) int maxTopK,
                               @Positive @Max(20) int maxChunksPerDocument, @Positive @Max(10_000) int explainCandidates,
                               @NotNull Duration collectionCheckTtl, @NotNull @Valid NoGoodMatch noGoodMatch,
                               @NotNull @Valid Cache cache, boolean queriesAsPassages,
                               @NotNull @Valid Feedback feedback) {

    /**
     * Rocchio pseudo-relevance feedback ({@link VectorFeedback}): the query vector moves towards the best chunks of
     * the first kNN pass's best documents before the kNN search that counts. Suits question-to-question
     * collections; costs a second kNN search.
     *
     * @param documents first-pass documents that feed back, 0 (off) to 100
     * @param weight    how far the query moves towards their mean, (0, 10]; 1: as far as the query itself weighs
     */
    public record Feedback(@PositiveOrZero @Max(100) int documents,
                           @DecimalMin(value = "0.0", inclusive = false) @DecimalMax("10.0") float weight) {

        /** The index's feedback settings, or {@code null} when off. */
        public VectorFeedback toIndex() {
            return documents == 0 ? null : new VectorFeedback(documents, weight);
        }
    }

    /**
     * A query has no good match when the best vector cosine among its hits is below the model's threshold.
     *
     * @param minCosine        threshold by model id (calibrated on the demo knowledge base, see application.yaml)
     * @param defaultMinCosine threshold for a model not listed
     */
    public record NoGoodMatch(@NotNull Map<String, Double> minCosine,
                              @DecimalMin("-1.0") @DecimalMax("1.0") double defaultMinCosine) {

        public double threshold(String modelId) {
            return minCosine.getOrDefault(modelId, defaultMinCosine);
        }
    }

    /**
     * @param backend            {@code caffeine} (in this process), {@code redis} (shared; profile redis) or {@code none}
     * @param ttl                how long an entry lives; a new index generation makes entries unreachable sooner
     * @param maxResults         query results kept in memory (caffeine)
     * @param maxEmbeddings      query embeddings kept in memory (caffeine)
     * @param keyPrefix          prefix of every Redis key (redis)
     * @param redisRetryAfter    after a Redis error the cache is bypassed (misses) for this long, then tried again
     */
    public record Cache(@NotNull Backend backend, @NotNull Duration ttl, @Positive long maxResults,
                        @Positive long maxEmbeddings, @NotBlank String keyPrefix, @NotNull Duration redisRetryAfter) {
    }

    /** Where cached entries live. */
    public enum Backend {
        CAFFEINE, REDIS, NONE
    }
}
