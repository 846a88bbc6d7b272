package io.supportkb.ml.index;

import java.util.List;
import java.util.Objects;

/**
 * One chunk of a document as the index stores it: its text for BM25, its embedding for kNN, and the
 * metadata that filters and explanations need.
 *
 * <p>All chunks of a document are written together by {@link KnowledgeIndex#replaceDocument}; each
 * carries the document-level fields ({@code title}, {@code kind}, {@code tags}, {@code language},
 * {@code updatedAtEpochMillis}) so that a chunk alone can be filtered and explained.
 *
 * @param chunkId unique id of this chunk
 * @param documentId id of the document the chunk belongs to, unique within {@code collection}
 * @param collection the collection (tenant boundary) the document belongs to
 * @param ordinal 0-based position of the chunk within its document
 * @param title the document's title; may be {@code null}
 * @param context extra text indexed for BM25 with the chunk, e.g. its heading path; may be {@code null}
 * @param text the chunk's text
 * @param charStart UTF-16 offset of the chunk's first character in the document's text (inclusive)
 * @param charEnd UTF-16 offset just past the chunk's last character (exclusive)
 * @param kind document kind (article, faq, ...), matched exactly by {@link SearchFilters#kinds()}; may be {@code null}
 * @param tags document tags, matched exactly by {@link SearchFilters#tags()}; {@code null} means none
 * @param language document language, matched exactly by {@link SearchFilters#language()}; may be {@code null}
 * @param updatedAtEpochMillis when the document was last updated, milliseconds since the epoch
 * @param vector the chunk's embedding; compared by cosine, so its norm does not matter but must not be 0
 */
public record IndexedChunk(String chunkId, String documentId, String collection, int ordinal,
        String title, String context, String text, int charStart, int charEnd,
        String kind, List<String> tags, String language, long updatedAtEpochMillis, float[] vector) {

    public IndexedChunk {
        Objects.requireNonNull(chunkId, "chunkId");
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(vector, "vector");
        if (charStart < 0 || charEnd < charStart) {
            throw new IllegalArgumentException(
                    "chunk " + chunkId + ": invalid character range [" + charStart + ", " + charEnd + ")");
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
        // A record cannot make an array immutable; copying at least detaches it from the caller's buffer.
        vector = vector.clone();
    }
}
