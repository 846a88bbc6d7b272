package io.supportkb.indexing;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the indexing worker ({@code supportkb.indexing.*}); every default is in {@code application.yaml}.
 *
 * @param workerThreads     documents processed at once by this process (0: claim nothing, e.g. an API-only node)
 * @param pollTimeout       how long a worker thread waits for a wake-up before checking whether to stop
 * @param heartbeatInterval how often leases of in-flight jobs are extended; well below the lease duration
 * @param shutdownTimeout   how long stopping waits for in-flight documents before interrupting them
 */
@Validated
@ConfigurationProperties("supportkb.indexing")
public record IndexingProperties(@PositiveOrZero int workerThreads, @NotNull Duration pollTimeout,
                                 @NotNull Duration heartbeatInterval, @NotNull Duration shutdownTimeout) {
}
