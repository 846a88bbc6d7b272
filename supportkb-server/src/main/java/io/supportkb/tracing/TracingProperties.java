package io.supportkb.tracing;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of query tracing ({@code supportkb.tracing.*}); every default is in {@code application.yaml}.
 *
 * @param enabled         whether queries are traced at all
 * @param queueCapacity   traces waiting to be written; when full, new traces are dropped (and counted) rather than
 *                        slowing queries down
 * @param batchSize       traces per JDBC batch
 * @param flushInterval   the longest a trace waits before its batch is written
 * @param shutdownTimeout how long a graceful shutdown waits for queued traces
 * @param retention       traces older than this are purged
 * @param purgeInterval   how often the purge runs
 */
@Validated
@ConfigurationProperties("supportkb.tracing")
public record TracingProperties(boolean enabled, @Positive int queueCapacity, @Positive int batchSize,
                                @NotNull Duration flushInterval, @NotNull Duration shutdownTimeout,
                                @NotNull Duration retention, @NotNull Duration purgeInterval) {
}
