package io.supportkb.ml.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a BEIR {@code queries.jsonl}: {@code {"_id", "text", "metadata"}}.
 *
 * @param id       the {@code _id}, the query id used in qrels and runs
 * @param text     the query text
 * @param metadata the {@code metadata} object as plain Java values; empty when absent; unmodifiable
 */
public record Query(String id, String text, Map<String, Object> metadata) {

    public Query {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** {@code metadata.intent} when it is a string (banking77 labels), otherwise empty. */
    public Optional<String> intent() {
        return metadata.get("intent") instanceof String intent ? Optional.of(intent) : Optional.empty();
    }
}
