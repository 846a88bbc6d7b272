package io.supportkb.ingestion.internal;

import java.time.Instant;
import java.util.Collection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import io.supportkb.ingestion.JobQueue;

/**
 * Publishes wake-ups only after the transaction that created the jobs has committed (a worker must never wake
 * up for a row it cannot see yet), then records that they were sent: job {@code published_at}, document
 * RECEIVED → QUEUED. If this process dies in between, the reconciler sends them.
 */
@Component
public class WakeUpSender {

    private static final Logger log = LoggerFactory.getLogger(WakeUpSender.class);

    private final JobQueue queue;
    private final JobRows jobs;
    private final DocumentRows documents;

    public WakeUpSender(JobQueue queue, JobRows jobs, DocumentRows documents) {
        this.queue = queue;
        this.jobs = jobs;
        this.documents = documents;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void on(JobsQueued event) {
        send(event.documentIds());
    }

    public void send(Collection<String> documentIds) {
        if (documentIds.isEmpty()) {
            return;
        }
        queue.publish(documentIds);
        try {
            Instant now = Instant.now();
            jobs.markPublished(documentIds, now);
            documents.markQueued(documentIds, now);
        } catch (DataAccessException e) {
            log.warn("Wake-ups for {} documents were sent but not recorded: {}", documentIds.size(), e.getMessage());
        }
    }
}
