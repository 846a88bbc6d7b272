package io.supportkb.ml.index;

import java.util.Set;

/**
 * Restrictions applied inside both retrievers (the kNN query's filter and a FILTER clause of the BM25
 * query), so a filtered search still returns up to {@code topK} matching documents instead of whatever
 * survives a post-filter. Values are compared exactly (case-sensitive); callers normalise them.
 *
 * @param kinds the document's kind must be one of these; empty or {@code null} = any kind
 * @param tags the document must carry at least one of these tags; empty or {@code null} = no restriction
 * @param language the document's language must equal this; {@code null} = any language
 * @param updatedAfterEpochMillis the document must have been updated strictly after this instant
 *     (milliseconds since the epoch); {@code null} = no restriction
 */
public record SearchFilters(Set<String> kinds, Set<String> tags, String language, Long updatedAfterEpochMillis) {

    private static final SearchFilters NONE = new SearchFilters(Set.of(), Set.of(), null, null);

    public SearchFilters {
        kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
        tags = tags == null ? Set.of() : Set.copyOf(tags);
    }

    /** No restriction beyond the request's collection. */
    public static SearchFilters none() {
        return NONE;
    }
}
