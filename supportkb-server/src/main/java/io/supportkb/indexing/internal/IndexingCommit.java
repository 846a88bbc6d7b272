package io.supportkb.indexing.internal;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.supportkb.indexing.IndexChange;
import io.supportkb.indexing.IndexChangeLog;
import io.supportkb.indexing.IndexingOutcome;
import io.supportkb.ingestion.ClaimedJob;
import io.supportkb.ingestion.IngestJobs;
import io.supportkb.ingestion.PreparedDocument;

/**
 * Writes one indexed document in one transaction: the lease fence and INDEXED status (older versions retired,
 * their chunks deleted), the document's chunks (replacing any it had), and an UPSERT in the change log.
 * Observed as {@code supportkb.indexing.store}.
 */
@Component
public class IndexingCommit {

    private final IngestJobs jobs;
    private final ChunkRows chunks;
    private final IndexChangeLog changes;
    private final ObservationRegistry observations;

    public IndexingCommit(IngestJobs jobs, ChunkRows chunks, IndexChangeLog changes,
                          ObservationRegistry observations) {
        this.jobs = jobs;
        this.chunks = chunks;
        this.changes = changes;
        this.observations = observations;
    }

    @Transactional
    public void write(ClaimedJob job, PreparedDocument document, IndexingOutcome outcome) {
        Observation.createNotStarted("supportkb.indexing.store", observations).observe(() -> {
            jobs.completeIndexed(job, document, outcome.chunks().size(), outcome.modelId());
            chunks.replace(document.documentId(), document.collectionId(), outcome.chunks(), outcome.modelId());
            changes.append(document.collectionId(), document.documentId(), IndexChange.Op.UPSERT);
        });
    }
}
