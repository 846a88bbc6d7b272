package io.supportkb.ingestion.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauges {@code supportkb.ingest.jobs{state}} (jobs by state, all collections) and
 * {@code supportkb.ingest.queue.lag} (seconds since the oldest due job became due; 0 when none), re-counted
 * every {@code supportkb.ingestion.jobs.metrics-refresh} rather than on every scrape.
 */
@Component
public class IngestionMetrics {

    private final JobRows jobs;
    private final Map<JobRows.State, AtomicLong> byState = new EnumMap<>(JobRows.State.class);
    private final AtomicLong lagSeconds = new AtomicLong();

    public IngestionMetrics(JobRows jobs, MeterRegistry registry) {
        this.jobs = jobs;
        for (JobRows.State state : JobRows.State.values()) {
            AtomicLong value = new AtomicLong();
            byState.put(state, value);
            Gauge.builder("supportkb.ingest.jobs", value, AtomicLong::get)
                    .description("Ingest jobs by state").tag("state", state.name().toLowerCase())
                    .register(registry);
        }
        Gauge.builder("supportkb.ingest.queue.lag", lagSeconds, AtomicLong::get)
                .description("Age of the oldest due job").baseUnit("seconds").register(registry);
    }

    @Scheduled(fixedDelayString = "${supportkb.ingestion.jobs.metrics-refresh}")
    public void refresh() {
        try {
            jobs.countByState().forEach((state, count) -> byState.get(state).set(count));
            Instant now = Instant.now();
            lagSeconds.set(jobs.oldestDue(now).map(t -> Duration.between(t, now).toSeconds()).orElse(0L));
        } catch (DataAccessException e) {
            // the database is down: keep the last values; health reports the outage
        }
    }
}
