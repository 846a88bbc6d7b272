package io.supportkb.ingestion.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.supportkb.ingestion.DocumentStatus;
import io.supportkb.ingestion.IngestionProperties;
import io.supportkb.ingestion.JobQueue;
import io.supportkb.shared.ConditionalOnRole;
import io.supportkb.shared.Role;

/**
 * Repairs lost wake-ups. Every {@code reconcile-interval}, on every worker process:
 * <ul>
 * <li>an expired lease whose job has no attempts left fails the document (its workers kept dying on it);</li>
 * <li>due queued jobs are published again: all of them when the queue's backlog is empty (the broker lost
 *     them, e.g. after a Redis flush or a restart in embedded mode), otherwise only those published longer than
 *     {@code republish-after} ago;</li>
 * <li>expired leases (their worker died) are published again, at most once per lease duration.</li>
 * </ul>
 * Running on several workers at once is harmless: every effect is a conditional UPDATE or a duplicate wake-up.
 */
@Component
@ConditionalOnRole(Role.WORKER)
public class JobReconciler {

    private static final Logger log = LoggerFactory.getLogger(JobReconciler.class);
    private static final int BATCH = 500;

    private final JobRows jobs;
    private final DocumentRows documents;
    private final JobQueue queue;
    private final WakeUpSender sender;
    private final TransactionTemplate tx;
    private final IngestionProperties.Jobs settings;

    public JobReconciler(JobRows jobs, DocumentRows documents, JobQueue queue, WakeUpSender sender,
                         TransactionTemplate tx, IngestionProperties properties) {
        this.jobs = jobs;
        this.documents = documents;
        this.queue = queue;
        this.sender = sender;
        this.tx = tx;
        this.settings = properties.jobs();
    }

    @Scheduled(fixedDelayString = "${supportkb.ingestion.jobs.reconcile-interval}",
            initialDelayString = "${supportkb.ingestion.jobs.reconcile-interval}")
    public void reconcileOnSchedule() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            log.warn("Reconciling jobs failed, will retry in {}: {}", settings.reconcileInterval(), e.getMessage());
        }
    }

    /** One round; returns how many wake-ups were re-published. */
    public int reconcile() {
        Instant now = Instant.now();
        long backlog;
        try {
            backlog = queue.backlog();
        } catch (RuntimeException e) {
            log.warn("Cannot read the job queue's backlog ({}); re-publishing only stale jobs", e.getMessage());
            backlog = -1;
        }
        Instant queuedPublishedBefore = backlog == 0 ? now : now.minus(settings.republishAfter());
        // an expired lease means its worker died: wake someone at once, then at most once per lease duration
        Instant leasePublishedBefore = now.minus(settings.leaseDuration());
        List<String> wake = new ArrayList<>();
        for (JobRows.DueJob job : jobs.due(now, queuedPublishedBefore, leasePublishedBefore, BATCH)) {
            if (job.state() == JobRows.State.PROCESSING && job.attempts() >= settings.maxAttempts()) {
                failExhausted(job, now);
            } else {
                wake.add(job.documentId());
            }
        }
        if (!wake.isEmpty()) {
            log.info("Re-publishing {} wake-ups (queue backlog {})", wake.size(), backlog);
            sender.send(wake);
        }
        return wake.size();
    }

    private void failExhausted(JobRows.DueJob job, Instant now) {
        String error = "The lease expired " + job.attempts() + " times: the worker stopped (crashed or was killed) "
                + "while processing this document every time.";
        tx.executeWithoutResult(status -> {
            if (jobs.failExhausted(job.documentId(), error, now, settings.maxAttempts())) {
                documents.markAttemptFailed(job.documentId(), DocumentStatus.FAILED, error, now);
                log.warn("Document {} FAILED: {}", job.documentId(), error);
            }
        });
    }
}
