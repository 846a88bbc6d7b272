package io.supportkb.search;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

import io.supportkb.ml.index.SearchFilters;

/**
 * Validated, canonical filters (sorted, de-duplicated), applied inside both retrievers.
 *
 * @param kind         the document's kind is one of these (lower-case wire names); empty = any
 * @param tags         the document carries at least one of these tags (exact match); empty = any
 * @param language     the document's language equals this (exact match); {@code null} = any
 * @param updatedAfter the document was updated strictly after this instant; {@code null} = any time
 */
public record QueryFilters(List<String> kind, List<String> tags, String language, Instant updatedAfter) {

    private static final QueryFilters NONE = new QueryFilters(List.of(), List.of(), null, null);

    public QueryFilters {
        kind = kind == null ? List.of() : List.copyOf(new TreeSet<>(kind));
        tags = tags == null ? List.of() : List.copyOf(new TreeSet<>(tags));
    }

    public static QueryFilters none() {
        return NONE;
    }

    public boolean isEmpty() {
        return kind.isEmpty() && tags.isEmpty() && language == null && updatedAfter == null;
    }

    SearchFilters toIndexFilters() {
        return new SearchFilters(new TreeSet<>(kind), new TreeSet<>(tags), language,
                updatedAfter == null ? null : updatedAfter.toEpochMilli());
    }
}
