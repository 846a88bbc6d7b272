package io.supportkb.ml.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Results of one retrieval mode (e.g. {@code vector}, {@code keyword}, {@code hybrid}) in an
 * {@link EvalReport}.
 *
 * @param mode          the mode's name as shown in reports
 * @param metrics       metric name → value, e.g. from {@link RetrievalMetrics#mean} and
 *                      {@link IntentAccuracy#asMetrics()}; iteration order is kept
 * @param timingsMillis stage name → duration in milliseconds (e.g. {@code queryEmbedding},
 *                      {@code searchP50}); iteration order is kept
 */
public record ModeResult(String mode, Map<String, Double> metrics, Map<String, Double> timingsMillis) {

    public ModeResult {
        Objects.requireNonNull(mode, "mode");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        timingsMillis = timingsMillis == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(timingsMillis));
    }
}
