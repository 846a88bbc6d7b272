package io.supportkb.ingestion.internal;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.supportkb.ingestion.DocumentStatus;
import io.supportkb.ingestion.IntakeResult;
import io.supportkb.shared.UuidV7;

/**
 * Stores a validated document and its job in the caller's transaction. Equal content (same dedup key) answers
 * with the live document that has it; a new external-id version supersedes older versions that are still
 * pending (the indexed one stays searchable until the new version is indexed).
 */
@Component
public class DocumentStore {

    private final DocumentRows documents;
    private final JobRows jobs;

    public DocumentStore(DocumentRows documents, JobRows jobs) {
        this.documents = documents;
        this.jobs = jobs;
    }

    /** Stores one candidate; appends the id of a queued job to {@code queued}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public IntakeResult store(String collectionId, Candidate c, List<String> queued) {
        Instant now = Instant.now();
        var existing = documents.findByDedupKey(collectionId, c.dedupKey());
        if (existing.isPresent()) {
            var e = existing.get();
            return new IntakeResult(IntakeResult.Outcome.DUPLICATE, collectionId, e.id(), e.externalId(), e.version(),
                    e.status());
        }
        String id = UuidV7.next();
        int version = 1;
        if (c.externalId() != null) {
            version = documents.latestVersion(collectionId, c.externalId()) + 1;
            for (String pending : documents.liveVersions(collectionId, c.externalId(), version, true)) {
                jobs.cancel(pending, now);
                documents.markDeleted(pending, id, now);
            }
        }
        documents.insert(new DocumentRows.NewRow(id, collectionId, c.externalId(), version, c.kind(), c.format(),
                c.title(), c.sourceUri(), c.tagsJson(), c.metadataJson(), c.language(), c.contentHash(),
                c.sourceHash(), c.dedupKey(), c.text(), c.source(), c.contentType(), c.originalFilename(),
                c.sizeBytes()), now);
        jobs.insert(id, collectionId, now);
        queued.add(id);
        return new IntakeResult(IntakeResult.Outcome.ACCEPTED, collectionId, id, c.externalId(), version,
                DocumentStatus.RECEIVED);
    }
}
