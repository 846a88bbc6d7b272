package io.supportkb.shared;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Database timestamps are {@code DATETIME(3)} columns holding UTC wall-clock time. Passing {@link LocalDateTime}
 * through JDBC avoids any driver time-zone conversion, so every node reads the same instant whatever its zone.
 */
public final class UtcDateTime {

    private UtcDateTime() {
    }

    public static LocalDateTime of(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant toInstant(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
