package io.supportkb.ingestion.internal;

/**
 * A validated document about to be stored: text intake carries normalised {@code text} and its hash;
 * a file to be parsed later carries its {@code source} bytes and their hash instead.
 */
public record Candidate(String externalId, String title, String kind, String format, String tagsJson,
                        String metadataJson, String sourceUri, String language, String text, String contentHash,
                        byte[] source, String sourceHash, String contentType, String originalFilename,
                        long sizeBytes) {

    /** The unique key an equal upload collides on. */
    public String dedupKey() {
        return contentHash != null ? contentHash : sourceHash;
    }
}
