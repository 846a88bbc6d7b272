package io.supportkb.ingestion;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the ingestion module refuses, with a stable {@link Reason} that the HTTP edge maps to a problem type,
 * and the facts a client needs to fix it ({@code field}, {@code limit}, ...).
 */
public final class IngestionRejected extends RuntimeException {

    /** Why; each maps to one problem {@code type} URI and HTTP status. */
    public enum Reason {
        EMPTY_DOCUMENT, TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, CONTENT_TYPE_MISMATCH, INVALID_ENCODING, MALFORMED_JSON,
        INVALID_FIELD,
        UNKNOWN_COLLECTION, COLLECTION_EXISTS, UNKNOWN_DOCUMENT, CONCURRENT_UPDATE
    }

    private final Reason reason;
    private final Map<String, Object> properties;

    public IngestionRejected(Reason reason, String detail) {
        this(reason, detail, Map.of());
    }

    public IngestionRejected(Reason reason, String detail, Map<String, ?> properties) {
        super(detail, null, false, false);
        this.reason = reason;
        this.properties = new LinkedHashMap<>(properties);
    }

    public static IngestionRejected invalidField(String field, String detail) {
        return new IngestionRejected(Reason.INVALID_FIELD, detail, Map.of("field", field));
    }

    public static IngestionRejected tooLarge(String field, long limit, String unit, String detail) {
        return new IngestionRejected(Reason.TOO_LARGE, detail, Map.of("field", field, "limit", limit, "unit", unit));
    }

    public static IngestionRejected unknownCollection(String collection) {
        return new IngestionRejected(Reason.UNKNOWN_COLLECTION, "No collection named '" + collection + "'.",
                Map.of("collection", collection));
    }

    public Reason reason() {
        return reason;
    }

    /** Extension members of the problem detail. */
    public Map<String, Object> properties() {
        return Map.copyOf(properties);
    }
}
