package io.supportkb.ingestion;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the ingestion module ({@code supportkb.ingestion.*}); every default is in {@code application.yaml}.
 */
@Validated
@ConfigurationProperties("supportkb.ingestion")
public record IngestionProperties(
        @Valid @NotNull Limits limits,
        @Valid @NotNull Parsing parsing,
        @Valid @NotNull Jobs jobs,
        @Valid @NotNull Stream stream) {

    /**
     * Upload limits, checked at the HTTP edge before anything is stored.
     *
     * @param maxFileSize      largest uploaded file (413 above it)
     * @param maxTextChars     largest text of a JSON document or JSON Lines line, in chars (413 / line error above)
     * @param maxLineSize      longest JSON Lines line in bytes; a longer line is skipped and reported
     * @param maxBatchLines    most lines read from one JSON Lines request; the rest is reported as not read
     * @param maxJsonBodySize  largest JSON request body (by Content-Length)
     * @param maxTags          most tags per document
     * @param maxMetadataChars largest serialized metadata object
     */
    public record Limits(@NotNull DataSize maxFileSize, @Positive int maxTextChars, @NotNull DataSize maxLineSize,
                         @Positive int maxBatchLines, @NotNull DataSize maxJsonBodySize, @Positive int maxTags,
                         @Positive int maxMetadataChars) {
    }

    /**
     * Bounds on Tika, which runs in workers: a file that breaks a bound ends FAILED with the reason.
     *
     * @param timeout              wall-clock limit of one parse
     * @param maxExtractedChars    most characters extracted from one file
     * @param maxDepth             deepest XML element nesting (deeply nested documents)
     * @param maxCompressionRatio  largest output/input ratio once output passes {@code outputThreshold} (zip bombs)
     * @param outputThreshold      output size in chars from which the compression ratio is enforced
     * @param maxPackageEntryDepth deepest nesting of archives and embedded documents
     */
    public record Parsing(@NotNull Duration timeout, @Positive int maxExtractedChars, @Positive int maxDepth,
                          @Positive long maxCompressionRatio, @Positive long outputThreshold,
                          @Positive int maxPackageEntryDepth) {
    }

    /**
     * The durable job queue.
     *
     * @param maxAttempts       attempts before a document is FAILED (a crashed worker's expired lease counts)
     * @param backoffBase       wait before the 2nd attempt; doubles per attempt
     * @param backoffMax        longest wait between attempts
     * @param leaseDuration     how long a claim lasts without a heartbeat; then another worker may take the job
     * @param reconcileInterval how often a worker re-publishes jobs whose wake-up was lost or whose lease expired
     * @param republishAfter    a queued job published longer ago than this is published again even while the
     *                          queue has a backlog (safety net; with an empty backlog due jobs are re-published
     *                          at once)
     * @param metricsRefresh    how often the jobs-by-state gauges are re-counted
     * @param workerId          this process's name in leases and stream consumers; blank means pid@host
     */
    public record Jobs(@Positive int maxAttempts, @NotNull Duration backoffBase, @NotNull Duration backoffMax,
                       @NotNull Duration leaseDuration, @NotNull Duration reconcileInterval,
                       @NotNull Duration republishAfter, @NotNull Duration metricsRefresh, String workerId) {
    }

    /**
     * The Redis stream that wakes workers up (profile {@code redis}).
     *
     * @param key           stream key; tests give every class its own
     * @param group         consumer group shared by all workers
     * @param readBlock     how long one XREADGROUP blocks
     * @param claimIdle     an entry pending this long on a consumer is taken over with XAUTOCLAIM
     * @param claimInterval how often a worker runs XAUTOCLAIM
     */
    public record Stream(@NotBlank String key, @NotBlank String group, @NotNull Duration readBlock,
                         @NotNull Duration claimIdle, @NotNull Duration claimInterval) {
    }
}
