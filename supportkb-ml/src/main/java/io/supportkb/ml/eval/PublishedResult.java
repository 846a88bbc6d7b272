package io.supportkb.ml.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A published reference number to compare against, e.g. bge-small-en-v1.5 on SciFact: NDCG@10 0.713
 * (MTEB). Metric names should match those of {@link ModeResult#metrics()} so the report lines them up.
 *
 * @param system  what was measured, e.g. {@code BM25 (BEIR paper)} or a model id
 * @param metrics metric name → published value; iteration order is kept
 * @param source  where the number comes from, e.g. {@code MTEB leaderboard}; may be empty
 */
public record PublishedResult(String system, Map<String, Double> metrics, String source) {

    public PublishedResult {
        Objects.requireNonNull(system, "system");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        source = source == null ? "" : source;
    }
}
