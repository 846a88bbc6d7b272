package io.supportkb.search.internal;

import io.supportkb.ml.Sha256;
import java.util.List;

import io.supportkb.search.QueryFilters;
import io.supportkb.search.QueryRequest;

/**
 * Cache keys. A result key covers everything the hits depend on: collection, the collection's index generation
 * (any indexing or deletion changes it, so older entries become unreachable), model id, index settings, mode,
 * topK, chunks per document, filters and the normalised query. Collection and generation stay readable in the key
 * (for operators); the rest is a SHA-256 of a length-prefixed encoding, so no value can spoof another.
 */
public final class CacheKeys {

    /** Bumped whenever the cached value's shape or the ranking code changes meaning. */
    private static final String FORMAT = "v2";

    private CacheKeys() {
    }

    /**
     * @param answererId the answerer and its model when an answer is asked for (answers depend on them), else
     *                   {@code null}
     */
    public static String result(String collection, long generation, String modelId, String indexSettings,
                                QueryRequest request, String normalisedQuery, String answererId) {
        StringBuilder key = new StringBuilder(256);
        field(key, FORMAT);
        field(key, modelId);
        field(key, indexSettings);
        field(key, request.mode().wireName());
        field(key, Integer.toString(request.topK()));
        field(key, Integer.toString(request.chunksPerDocument()));
        QueryFilters filters = request.filters();
        list(key, filters.kind());
        list(key, filters.tags());
        field(key, filters.language() == null ? "-" : "=" + filters.language());
        field(key, filters.updatedAfter() == null ? "-" : Long.toString(filters.updatedAfter().toEpochMilli()));
        field(key, normalisedQuery);
        field(key, answererId == null ? "-" : "=" + answererId);
        return collection + ":" + generation + ":" + Sha256.hex(key);
    }

    public static String embedding(String modelId, String normalisedQuery) {
        return modelId + ":" + Sha256.hex(new StringBuilder(FORMAT).append('|').append(normalisedQuery));
    }

    private static void list(StringBuilder key, List<String> values) {
        field(key, Integer.toString(values.size()));
        values.forEach(v -> field(key, v));
    }

    private static void field(StringBuilder key, String value) {
        key.append(value.length()).append(':').append(value).append('|');
    }
}
