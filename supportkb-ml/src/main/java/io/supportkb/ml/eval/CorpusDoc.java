package io.supportkb.ml.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a BEIR {@code corpus.jsonl}: {@code {"_id", "title", "text", "metadata"}}.
 *
 * @param id       the {@code _id}, the document id used in qrels and runs
 * @param title    the title, {@code ""} when the file has none (BEIR's default)
 * @param text     the body text
 * @param metadata the {@code metadata} object as plain Java values (maps, lists, strings, numbers,
 *                 booleans, null); empty when absent; unmodifiable
 */
public record CorpusDoc(String id, String title, String text, Map<String, Object> metadata) {

    public CorpusDoc {
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        Objects.requireNonNull(text, "text");
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** {@code metadata.intent} when it is a string (banking77 labels), otherwise empty. */
    public Optional<String> intent() {
        return metadata.get("intent") instanceof String intent ? Optional.of(intent) : Optional.empty();
    }
}
