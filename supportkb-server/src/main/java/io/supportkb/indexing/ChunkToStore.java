package io.supportkb.indexing;

/**
 * One chunk of an indexed document, as stored in table {@code chunk}.
 *
 * @param ordinal     0-based position in the document
 * @param text        the chunk text; equals {@code document text.substring(charStart, charEnd)}
 * @param context     heading path (title first) joined with {@code " > "}, or null
 * @param tokenCount  in the embedding model's tokens
 * @param contentHash SHA-256 of {@code text}; with the model id it identifies a reusable embedding
 * @param embedding   L2-normalised vector, or null when not embedded
 */
public record ChunkToStore(int ordinal, String text, String context, int charStart, int charEnd, int tokenCount,
                           String contentHash, float[] embedding) {
}
