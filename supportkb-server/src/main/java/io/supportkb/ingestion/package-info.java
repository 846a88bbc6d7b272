/**
 * Ingestion: collections, documents and their versions, uploads (file, JSON, JSON Lines), parsing with Tika,
 * deduplication, and the durable job queue that hands documents to workers.
 * <p>
 * The root package is the module's API; {@code internal} is private. The job row in {@code ingest_job} is the
 * truth about pending work; {@link io.supportkb.ingestion.JobQueue} only wakes workers up.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ingestion")
package io.supportkb.ingestion;
