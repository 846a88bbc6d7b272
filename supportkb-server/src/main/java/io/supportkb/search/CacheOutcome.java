package io.supportkb.search;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a query was answered from the result cache; lower-case on the wire and in {@code X-Cache}. */
public enum CacheOutcome {
    HIT, MISS;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CacheOutcome of(boolean hit) {
        return hit ? HIT : MISS;
    }
}
