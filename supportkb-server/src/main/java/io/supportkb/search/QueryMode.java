package io.supportkb.search;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import io.supportkb.ml.index.SearchMode;

/** Which retrievers answer a query; lower-case on the wire. */
public enum QueryMode {
    /** kNN and BM25, fused by reciprocal rank fusion. */
    HYBRID,
    /** kNN over the embeddings only. */
    VECTOR,
    /** BM25 over the analysed text only. */
    KEYWORD;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name case-insensitively; {@code null} when unknown. */
    public static QueryMode fromWire(String value) {
        for (QueryMode mode : values()) {
            if (value != null && mode.name().equalsIgnoreCase(value.strip())) {
                return mode;
            }
        }
        return null;
    }

    SearchMode toIndexMode() {
        return switch (this) {
            case HYBRID -> SearchMode.HYBRID;
            case VECTOR -> SearchMode.VECTOR;
            case KEYWORD -> SearchMode.KEYWORD;
        };
    }

    /** Whether this mode needs the query embedding. */
    public boolean usesVectors() {
        return this != KEYWORD;
    }
}
