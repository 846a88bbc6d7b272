package io.supportkb.indexing;

import java.util.List;

/**
 * What {@link DocumentIndexer} produced for one document.
 *
 * @param modelId the embedding model's id, stored with every chunk ({@code "none"} when not embedded)
 * @param chunks  in ordinal order
 */
public record IndexingOutcome(String modelId, List<ChunkToStore> chunks) {
}
