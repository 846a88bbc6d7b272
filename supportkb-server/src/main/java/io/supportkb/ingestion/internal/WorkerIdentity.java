package io.supportkb.ingestion.internal;

import java.lang.management.ManagementFactory;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.supportkb.ingestion.IngestionProperties;

/**
 * This process's name in leases and as a stream consumer: {@code supportkb.ingestion.jobs.worker-id}, or
 * {@code pid@host}. Claim tokens add a random suffix so that a lease is owned by one claim, not one process.
 */
@Component
public class WorkerIdentity {

    private final String id;

    public WorkerIdentity(IngestionProperties properties) {
        String configured = properties.jobs().workerId();
        this.id = configured == null || configured.isBlank()
                ? ManagementFactory.getRuntimeMXBean().getName()
                : configured.strip();
    }

    public String id() {
        return id;
    }

    /** A fresh claim token, unique per claim. */
    public String newClaimToken() {
        return id + "/" + UUID.randomUUID();
    }
}
