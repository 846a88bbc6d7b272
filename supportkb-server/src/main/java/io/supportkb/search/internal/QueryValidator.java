package io.supportkb.search.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.supportkb.search.QueryFilters;
import io.supportkb.search.QueryMode;
import io.supportkb.search.QueryRequest;
import io.supportkb.search.SearchProperties;
import io.supportkb.search.SearchRejected;
import io.supportkb.shared.DocumentKind;

/**
 * Turns client input into a {@link QueryRequest} or a problem detail naming the field: defaults, ranges, modes,
 * filter values, unknown fields. The limit on model tokens needs the normalised query and is checked by the
 * query service.
 */
@Component
public class QueryValidator {

    private static final int MAX_FILTER_VALUES = 100;
    private static final int MAX_FILTER_VALUE_CHARS = 100;

    private final SearchProperties properties;

    public QueryValidator(SearchProperties properties) {
        this.properties = properties;
    }

    public QueryRequest request(String query, Integer topK, String mode, FiltersBody filters,
                                Integer chunksPerDocument, Boolean answer, Map<String, Object> unknown) {
        rejectUnknown("", unknown);
        return new QueryRequest(query(query), topK(topK), mode(mode), filters(filters),
                range("chunksPerDocument", chunksPerDocument, 1, 1, properties.maxChunksPerDocument()),
                Boolean.TRUE.equals(answer));
    }

    public String query(String query) {
        if (query == null) {
            throw SearchRejected.invalidField("query", "A query is required.");
        }
        if (query.length() > properties.maxQueryChars()) {
            throw SearchRejected.queryTooLong(properties.maxQueryChars(), "chars", query.length());
        }
        if (QueryText.normalise(query).isEmpty()) {
            throw SearchRejected.invalidField("query", "The query is empty or only whitespace.");
        }
        return query;
    }

    public int topK(Integer topK) {
        return range("topK", topK, properties.defaultTopK(), 1, properties.maxTopK());
    }

    public QueryMode mode(String mode) {
        if (mode == null) {
            return QueryMode.HYBRID;
        }
        QueryMode parsed = QueryMode.fromWire(mode);
        if (parsed == null) {
            throw SearchRejected.invalidField("mode", "mode is one of hybrid, vector, keyword.");
        }
        return parsed;
    }

    public QueryFilters filters(FiltersBody body) {
        if (body == null) {
            return QueryFilters.none();
        }
        rejectUnknown("filters.", body.unknown());
        List<String> kinds = new ArrayList<>();
        List<String> kindValues = values("filters.kind", body.kind());
        for (int i = 0; i < kindValues.size(); i++) {
            DocumentKind kind = DocumentKind.fromWire(kindValues.get(i));
            if (kind == null) {
                throw SearchRejected.invalidField("filters.kind[" + i + "]", "Unknown kind '" + kindValues.get(i)
                        + "'; kinds are article, faq, ticket, runbook, other.");
            }
            kinds.add(kind.wireName());
        }
        List<String> tags = values("filters.tags", body.tags());
        String language = body.language() == null || body.language().isBlank() ? null : body.language().strip();
        if (language != null && language.length() > 16) {
            throw SearchRejected.invalidField("filters.language", "A language is a BCP 47 tag such as en or pt-BR.");
        }
        return new QueryFilters(kinds, tags, language, instant(body.updatedAfter()));
    }

    private static List<String> values(String field, List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        if (raw.size() > MAX_FILTER_VALUES) {
            throw SearchRejected.invalidField(field, field + " has at most " + MAX_FILTER_VALUES + " values.");
        }
        List<String> values = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            String value = raw.get(i) == null ? "" : raw.get(i).strip();
            if (value.isEmpty() || value.length() > MAX_FILTER_VALUE_CHARS) {
                throw SearchRejected.invalidField(field + "[" + i + "]",
                        "A filter value is 1 to " + MAX_FILTER_VALUE_CHARS + " characters.");
            }
            values.add(value);
        }
        return values;
    }

    /** An ISO-8601 instant ({@code 2026-03-01T12:00:00Z}), offset date-time, or date (midnight UTC). */
    private static Instant instant(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw SearchRejected.invalidField("filters.updatedAfter",
                        "updatedAfter is an ISO-8601 date or date-time, e.g. 2026-03-01 or 2026-03-01T12:00:00Z.");
            }
        }
    }

    private static int range(String field, Integer value, int fallback, int min, int max) {
        int v = value == null ? fallback : value;
        if (v < min || v > max) {
            throw SearchRejected.invalidField(field, field + " is between " + min + " and " + max + ".");
        }
        return v;
    }

    static void rejectUnknown(String prefix, Map<String, Object> unknown) {
        if (unknown != null && !unknown.isEmpty()) {
            String name = unknown.keySet().iterator().next();
            throw SearchRejected.invalidField(prefix + name, "Unknown field '" + prefix + name + "'.");
        }
    }
}
