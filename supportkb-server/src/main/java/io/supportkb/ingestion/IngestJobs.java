package io.supportkb.ingestion;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.supportkb.ingestion.internal.DocumentRows;
import io.supportkb.ingestion.internal.JobRows;
import io.supportkb.ingestion.internal.JsonColumns;
import io.supportkb.ingestion.internal.SafeFilename;
import io.supportkb.ingestion.internal.TikaTextExtractor;
import io.supportkb.ingestion.internal.WorkerIdentity;
import io.supportkb.ml.Sha256;
import io.supportkb.shared.DocumentKind;
import io.supportkb.shared.TextFormat;

/**
 * The worker's side of the job queue: claim a job with a lease, keep the lease alive, turn the document into
 * text, and record the outcome. Each state change is one conditional UPDATE per table, job row first, then the
 * document row (the same lock order everywhere, so these transactions cannot deadlock with deletes).
 */
@Service
public class IngestJobs {

    private static final Logger log = LoggerFactory.getLogger(IngestJobs.class);
    private static final int MAX_ERROR = 1900;

    private final JobRows jobs;
    private final DocumentRows documents;
    private final TikaTextExtractor extractor;
    private final JsonColumns json;
    private final WorkerIdentity identity;
    private final IngestionProperties.Jobs settings;
    private final ApplicationEventPublisher events;

    public IngestJobs(JobRows jobs, DocumentRows documents, TikaTextExtractor extractor, JsonColumns json,
                      WorkerIdentity identity, IngestionProperties properties, ApplicationEventPublisher events) {
        this.jobs = jobs;
        this.documents = documents;
        this.extractor = extractor;
        this.json = json;
        this.identity = identity;
        this.settings = properties.jobs();
        this.events = events;
    }

    /** Claims the document's job if it is due or its lease expired; empty when another claim holds or ended it. */
    @Transactional
    public Optional<ClaimedJob> claim(String documentId) {
        Instant now = Instant.now();
        String token = identity.newClaimToken();
        Optional<JobRows.Claim> claim = jobs.claim(documentId, token, now, now.plus(settings.leaseDuration()),
                settings.maxAttempts());
        if (claim.isEmpty()) {
            return Optional.empty();
        }
        if (!documents.markProcessing(documentId, claim.get().attempt(), now)) {
            jobs.cancel(documentId, now);
            return Optional.empty();
        }
        return Optional.of(new ClaimedJob(documentId, claim.get().collectionId(), claim.get().attempt(), token));
    }

    /** Pushes the lease forward; false when it was lost (the worker should stop and discard its work). */
    public boolean extendLease(ClaimedJob job) {
        Instant now = Instant.now();
        return jobs.extendLease(job.documentId(), job.token(), now.plus(settings.leaseDuration()), now);
    }

    /**
     * The document's normalised text: stored text for text intake, or the uploaded file parsed now (bounded).
     *
     * @throws DocumentUnreadable when the file cannot be parsed (permanent)
     */
    public PreparedDocument prepare(ClaimedJob job) {
        var content = documents.content(job.documentId()).orElseThrow(() -> new LeaseLost("document is gone"));
        String text = content.extractedText();
        String hash = content.contentHash();
        TextFormat format = TextFormat.valueOf(content.textFormat());
        String title = content.title();
        if (text == null) {
            byte[] source = documents.source(job.documentId())
                    .orElseThrow(() -> new DocumentUnreadable("The uploaded file is missing.", null));
            TikaTextExtractor.Extraction extraction = extractor.extract(source, content.originalFilename(),
                    content.contentType());
            text = extraction.text();
            hash = Sha256.hex(text);
            format = extraction.format();
            if (title == null) {
                title = extraction.title() != null ? extraction.title()
                        : SafeFilename.stem(content.originalFilename() == null ? "upload" : content.originalFilename());
            }
        }
        String duplicateOf = documents.findOtherWithContent(content.collectionId(), hash, content.id(),
                content.externalId()).orElse(null);
        return new PreparedDocument(content.id(), content.collectionId(), content.externalId(), content.version(),
                DocumentKind.fromWire(content.kind()), format, title, text, hash, json.tags(content.tags()),
                content.language(), content.sourceUri(), duplicateOf);
    }

    /**
     * Records a successful indexing inside the caller's transaction: fences the lease, marks the document
     * INDEXED, and retires older versions of the same external id (each publishes {@link DocumentDeleted}
     * synchronously, so their chunks go in this same transaction).
     *
     * @throws LeaseLost when the lease was taken over or the document deleted; the caller must roll back
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void completeIndexed(ClaimedJob job, PreparedDocument document, int chunkCount, String modelId) {
        Instant now = Instant.now();
        fence(job, now);
        if (!documents.markIndexed(job.documentId(), document.text(), document.contentHash(),
                document.format().name(), document.title(), chunkCount, modelId, now)) {
            throw new LeaseLost("document " + job.documentId() + " was deleted while being indexed");
        }
        if (document.externalId() != null) {
            for (String older : documents.liveVersions(document.collectionId(), document.externalId(),
                    document.version(), false)) {
                jobs.cancel(older, now);
                if (documents.markDeleted(older, job.documentId(), now)) {
                    events.publishEvent(new DocumentDeleted(document.collectionId(), older, job.documentId()));
                }
            }
        }
    }

    /** Ends the job without indexing: the text duplicates another live document. */
    @Transactional
    public void completeDuplicate(ClaimedJob job, PreparedDocument document) {
        Instant now = Instant.now();
        fence(job, now);
        documents.markDuplicate(job.documentId(), document.duplicateOf(), document.contentHash(), now);
    }

    /**
     * Records a failed attempt: back to QUEUED with exponential backoff, or FAILED when the failure is permanent
     * or the attempts are used up. A lost lease is not an error of this document and is ignored.
     */
    @Transactional
    public void recordFailure(ClaimedJob job, Throwable failure, boolean permanent) {
        Instant now = Instant.now();
        boolean last = permanent || job.attempt() >= settings.maxAttempts();
        String error = describe(failure, job.attempt(), last);
        Instant next = now.plus(backoff(job.attempt()));
        if (!jobs.recordFailure(job.documentId(), job.token(), last ? JobRows.State.FAILED : JobRows.State.QUEUED,
                next, error, now)) {
            log.info("Lease on {} was lost before its failure could be recorded: {}", job.documentId(), error);
            return;
        }
        documents.markAttemptFailed(job.documentId(), last ? DocumentStatus.FAILED : DocumentStatus.QUEUED, error, now);
        if (last) {
            log.warn("Document {} FAILED after {} attempt(s): {}", job.documentId(), job.attempt(), error);
        } else {
            log.info("Document {} attempt {} failed, retrying after {}: {}", job.documentId(), job.attempt(),
                    backoff(job.attempt()), error);
        }
    }

    /** base * 2^(attempt-1), capped. */
    Duration backoff(int attempt) {
        long factor = 1L << Math.min(20, Math.max(0, attempt - 1));
        Duration wait = settings.backoffBase().multipliedBy(factor);
        return wait.compareTo(settings.backoffMax()) > 0 ? settings.backoffMax() : wait;
    }

    private void fence(ClaimedJob job, Instant now) {
        if (!jobs.finish(job.documentId(), job.token(), now)) {
            throw new LeaseLost("lease on " + job.documentId() + " is no longer held by " + job.token());
        }
    }

    private static String describe(Throwable failure, int attempt, boolean last) {
        String message = failure instanceof DocumentUnreadable ? failure.getMessage()
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        String prefix = last || failure instanceof DocumentUnreadable ? "" : "attempt " + attempt + ": ";
        String error = prefix + message;
        return error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) + "..." : error;
    }
}
