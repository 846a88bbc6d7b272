package io.supportkb.indexing.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.supportkb.indexing.DocumentIndexer;
import io.supportkb.indexing.DocumentToIndex;
import io.supportkb.indexing.IndexingFailure;
import io.supportkb.indexing.IndexingOutcome;
import io.supportkb.indexing.IndexingProperties;
import io.supportkb.ingestion.ClaimedJob;
import io.supportkb.ingestion.DocumentUnreadable;
import io.supportkb.ingestion.IngestJobs;
import io.supportkb.ingestion.JobQueue;
import io.supportkb.ingestion.LeaseLost;
import io.supportkb.ingestion.PreparedDocument;
import io.supportkb.shared.ConditionalOnRole;
import io.supportkb.shared.Role;

/**
 * The worker loop: {@code worker-threads} threads each wait for a wake-up, claim the job (lease), prepare the
 * text, run the {@link DocumentIndexer}, write the outcome in one transaction, then acknowledge the wake-up.
 * A failure is recorded on the job (retry with backoff, or FAILED) and the thread moves on, so one bad document
 * never holds up the others. A heartbeat extends the leases of in-flight jobs. Observed as
 * {@code supportkb.indexing.index} (the indexer call).
 */
@Component
@ConditionalOnRole(Role.WORKER)
public class IndexingWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IndexingWorker.class);
    private static final int COMMIT_TRIES = 3;

    private final JobQueue queue;
    private final IngestJobs jobs;
    private final DocumentIndexer indexer;
    private final IndexingCommit commit;
    private final ObservationRegistry observations;
    private final IndexingProperties settings;
    private final Map<String, ClaimedJob> inFlight = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private ScheduledExecutorService heartbeat;
    private volatile boolean running;

    public IndexingWorker(JobQueue queue, IngestJobs jobs, DocumentIndexer indexer, IndexingCommit commit,
                          ObservationRegistry observations, IndexingProperties settings) {
        this.queue = queue;
        this.jobs = jobs;
        this.indexer = indexer;
        this.commit = commit;
        this.observations = observations;
        this.settings = settings;
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 0; i < settings.workerThreads(); i++) {
            Thread thread = Thread.ofPlatform().name("indexing-worker-" + i).start(this::loop);
            threads.add(thread);
        }
        heartbeat = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("lease-heartbeat")
                .daemon().factory());
        long period = settings.heartbeatInterval().toMillis();
        heartbeat.scheduleWithFixedDelay(this::extendLeases, period, period, TimeUnit.MILLISECONDS);
        log.info("Indexing worker started with {} threads using {}", settings.workerThreads(),
                indexer.getClass().getSimpleName());
    }

    @Override
    public synchronized void stop() {
        running = false;
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        for (Thread thread : threads) {
            try {
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                thread.join(left);
                if (thread.isAlive()) {
                    thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            Optional<JobQueue.WakeUp> wakeUp;
            try {
                wakeUp = queue.poll(settings.pollTimeout());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Polling for wake-ups failed: {}", e.toString());
                continue;
            }
            wakeUp.ifPresent(this::handle);
        }
    }

    private void handle(JobQueue.WakeUp wakeUp) {
        try {
            process(wakeUp.documentId());
            queue.acknowledge(wakeUp);
        } catch (RuntimeException e) {
            // not acknowledged: the broker redelivers it, or the reconciler re-publishes the job
            log.warn("Processing document {} failed before its outcome was recorded: {}", wakeUp.documentId(),
                    e.toString());
        }
    }

    /** Claims and processes one document; returns quietly when the job is not claimable. */
    void process(String documentId) {
        Optional<ClaimedJob> claimed = jobs.claim(documentId);
        if (claimed.isEmpty()) {
            return;
        }
        ClaimedJob job = claimed.get();
        inFlight.put(documentId, job);
        try {
            PreparedDocument document = jobs.prepare(job);
            if (document.duplicateOf() != null) {
                jobs.completeDuplicate(job, document);
                return;
            }
            IndexingOutcome outcome = Observation.createNotStarted("supportkb.indexing.index", observations)
                    .lowCardinalityKeyValue("format", document.format().name().toLowerCase())
                    .observe(() -> indexer.index(toIndex(document)));
            write(job, document, outcome);
        } catch (LeaseLost e) {
            log.info("Dropped document {}: {}", documentId, e.getMessage());
        } catch (DocumentUnreadable e) {
            jobs.recordFailure(job, e, true);
        } catch (IndexingFailure e) {
            jobs.recordFailure(job, e, e.permanent());
        } catch (RuntimeException | StackOverflowError e) {
            jobs.recordFailure(job, e, false);
        } finally {
            inFlight.remove(documentId);
        }
    }

    /** The commit transaction, retried at once when the database picked it as a deadlock victim. */
    private void write(ClaimedJob job, PreparedDocument document, IndexingOutcome outcome) {
        for (int attempt = 1; ; attempt++) {
            try {
                commit.write(job, document, outcome);
                return;
            } catch (ConcurrencyFailureException e) {
                if (attempt == COMMIT_TRIES) {
                    throw e;
                }
                log.debug("Commit of {} lost a lock conflict, retrying: {}", job.documentId(), e.getMessage());
            }
        }
    }

    private void extendLeases() {
        for (ClaimedJob job : inFlight.values()) {
            try {
                if (!jobs.extendLease(job) && inFlight.get(job.documentId()) == job) {
                    // either it was just committed, or another worker took it over (then the fence discards ours)
                    log.debug("Lease on {} not extended: finished or taken over", job.documentId());
                }
            } catch (RuntimeException e) {
                log.warn("Extending the lease on {} failed: {}", job.documentId(), e.toString());
            }
        }
    }

    private static DocumentToIndex toIndex(PreparedDocument d) {
        return new DocumentToIndex(d.documentId(), d.collectionId(), d.externalId(), d.version(), d.kind(),
                d.format(), d.title(), d.text(), d.contentHash(), d.tags(), d.language(), d.sourceUri());
    }
}
