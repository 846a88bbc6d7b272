package io.supportkb.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How the benchmarked server runs: its Spring profiles. No profile is the embedded mode (H2, in-process
 * wake-ups); {@code mysql,redis} is production mode (MariaDB/MySQL, Redis Stream wake-ups).
 */
record ServerMode(List<String> profiles) {

    static ServerMode of(String profiles) {
        return new ServerMode(Arrays.stream(profiles.split(",")).map(p -> p.strip().toLowerCase(Locale.ROOT))
                .filter(p -> !p.isEmpty()).distinct().toList());
    }

    /** {@code embedded} (no profile) or {@code production} (profiles mysql and redis). */
    static ServerMode named(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "embedded" -> of("");
            case "production" -> of("mysql,redis");
            default -> throw new IllegalArgumentException("mode is embedded or production, was " + name);
        };
    }

    boolean usesMariaDb() {
        return profiles.contains("mysql");
    }

    boolean usesRedis() {
        return profiles.contains("redis");
    }

    /** {@code embedded}, {@code production} (mysql and redis), or the profiles joined by dashes. */
    String label() {
        if (profiles.isEmpty()) {
            return "embedded";
        }
        if (profiles.size() == 2 && usesMariaDb() && usesRedis()) {
            return "production";
        }
        return String.join("-", profiles);
    }
}
