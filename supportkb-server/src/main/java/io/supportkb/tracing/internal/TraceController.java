package io.supportkb.tracing.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.supportkb.search.CacheOutcome;
import io.supportkb.search.SearchRejected;
import io.supportkb.shared.ConditionalOnRole;
import io.supportkb.shared.Role;
import io.supportkb.tracing.QueryTrace;
import io.supportkb.tracing.QueryTraces;
import io.supportkb.tracing.Replay;
import io.supportkb.tracing.TraceFilter;
import io.supportkb.tracing.TracePage;

/** {@code GET /traces/{id}}, {@code POST /traces/{id}/replay}, {@code GET /collections/{c}/traces}. */
@RestController
@RequestMapping("/api/v1")
@ConditionalOnRole(Role.API)
class TraceController {

    private final QueryTraces traces;

    TraceController(QueryTraces traces) {
        this.traces = traces;
    }

    /** One trace with its parameters, stage timings and hits. */
    @GetMapping("/traces/{id}")
    QueryTrace get(@PathVariable String id) {
        return traces.get(id);
    }

    /** Re-runs the traced query against today's index (no cache) and reports added, removed and moved hits. */
    @PostMapping("/traces/{id}/replay")
    Replay replay(@PathVariable String id) {
        return traces.replay(id);
    }

    /**
     * A collection's traces, newest first.
     *
     * @param from         ISO-8601 date or date-time; traces at or after it
     * @param to           ISO-8601 date or date-time; traces before it
     * @param cache        hit or miss
     * @param minLatencyMs traces at least this slow
     */
    @GetMapping("/collections/{collection}/traces")
    TracePage list(@PathVariable String collection, @RequestParam(required = false) String from,
                   @RequestParam(required = false) String to, @RequestParam(required = false) String cache,
                   @RequestParam(required = false) Double minLatencyMs,
                   @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return traces.list(collection, new TraceFilter(instant("from", from), instant("to", to), cache(cache),
                minLatencyMs), page, size);
    }

    private static CacheOutcome cache(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "hit" -> CacheOutcome.HIT;
            case "miss" -> CacheOutcome.MISS;
            default -> throw SearchRejected.invalidField("cache", "cache is hit or miss.");
        };
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                throw SearchRejected.invalidField(field, field + " is an ISO-8601 date or date-time, e.g. "
                        + "2026-03-01 or 2026-03-01T12:00:00Z.");
            }
        }
    }
}
