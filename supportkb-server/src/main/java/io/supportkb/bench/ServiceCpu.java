package io.supportkb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of the services production mode talks to (MariaDB/MySQL and Redis processes on this machine), read
 * from {@code /proc/<pid>/stat} (user + system time, in clock ticks of 10 ms). They share the machine's cores with
 * the server, so their CPU is part of what ingestion costs in production mode; other clients of the same
 * services (tests of other jobs) count too, which the baseline's own reading shows. Empty where there is no
 * {@code /proc}.
 */
final class ServiceCpu {

    static final Set<String> SERVICES = Set.of("mariadbd", "mysqld", "redis-server");
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ServiceCpu() {
    }

    /** CPU nanoseconds used so far, by process name. */
    static Map<String, Long> sample() {
        Map<String, Long> used = new TreeMap<>();
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String name = Files.readString(p.resolve("comm")).strip();
                    if (SERVICES.contains(name)) {
                        String stat = Files.readString(p.resolve("stat"));
                        // fields after the parenthesised name: state is field 3, utime 14, stime 15
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        used.merge(name, ticks * NANOS_PER_TICK, Long::sum);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended, or this is not Linux: leave it out
                }
            });
        } catch (IOException | RuntimeException noProc) {
            return Map.of();
        }
        return used;
    }

    /** CPU nanoseconds used between two samples, by process name. */
    static Map<String, Long> between(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> used = new TreeMap<>();
        after.forEach((name, nanos) -> used.put(name, nanos - before.getOrDefault(name, 0L)));
        return used;
    }
}
