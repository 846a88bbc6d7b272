package io.supportkb.indexing.internal;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.supportkb.indexing.ChunkToStore;
import io.supportkb.indexing.DocumentIndexer;
import io.supportkb.indexing.DocumentToIndex;
import io.supportkb.indexing.IndexingFailure;
import io.supportkb.indexing.IndexingOutcome;
import io.supportkb.indexing.StoredChunks;
import io.supportkb.ml.chunk.Chunk;
import io.supportkb.ml.chunk.Chunker;
import io.supportkb.ml.chunk.SourceFormat;
import io.supportkb.ml.embed.Embedder;
import io.supportkb.shared.DocumentKind;
import io.supportkb.ml.Sha256;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Chunks a document with the model-aware {@link Chunker} and embeds the chunks with the {@link Embedder}.
 * A chunk whose embedding text (heading path + text) was already embedded by the same model — in any earlier
 * version of any document — reuses that stored vector, so re-uploading a mostly unchanged knowledge base only
 * embeds what changed. Vectors are deterministic, so a reused vector is bit-identical to a recomputed one.
 * Thread-safe.
 */
@Component
class ModelDocumentIndexer implements DocumentIndexer {

    private final Chunker chunker;
    private final Embedder embedder;
    private final StoredChunks stored;
    private final ObservationRegistry observations;

    ModelDocumentIndexer(Chunker chunker, Embedder embedder, StoredChunks stored, ObservationRegistry observations) {
        this.chunker = chunker;
        this.embedder = embedder;
        this.stored = stored;
        this.observations = observations;
    }

    @Override
    public IndexingOutcome index(DocumentToIndex document) {
        List<Chunk> chunks = Observation.createNotStarted("supportkb.indexing.chunk", observations)
                .lowCardinalityKeyValue("format", document.format().name())
                .observe(() -> chunker.chunk(document.title(), document.text(), formatOf(document)));
        if (chunks.isEmpty()) {
            throw new IndexingFailure("document has no text to index", true, null);
        }
        String modelId = embedder.model().id();
        List<String> hashes = chunks.stream().map(c -> Sha256.hex(c.embeddingText())).toList();
        Map<String, float[]> reusable = stored.embeddings(hashes, modelId);
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            if (!reusable.containsKey(hashes.get(i))) {
                missing.add(i);
            }
        }
        List<float[]> fresh = missing.isEmpty() ? List.of()
                : Observation.createNotStarted("supportkb.indexing.embed", observations)
                        .lowCardinalityKeyValue("model", modelId)
                        .highCardinalityKeyValue("chunks", String.valueOf(missing.size()))
                        .observe(() -> embedder.embedPassagesOnOneSession(missing.stream().map(i -> chunks.get(i).embeddingText()).toList()));
        float[][] vectors = new float[chunks.size()][];
        for (int k = 0; k < missing.size(); k++) {
            vectors[missing.get(k)] = fresh.get(k);
        }
        List<ChunkToStore> out = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            float[] vector = vectors[i] != null ? vectors[i] : reusable.get(hashes.get(i));
            String context = chunk.headingPath().isEmpty() ? null : String.join(" > ", chunk.headingPath());
            out.add(new ChunkToStore(chunk.ordinal(), chunk.text(), context, chunk.charStart(), chunk.charEnd(),
                    chunk.tokenCount(), hashes.get(i), vector));
        }
        return new IndexingOutcome(modelId, out);
    }

    static SourceFormat formatOf(DocumentToIndex document) {
        return switch (document.format()) {
            case TICKET -> SourceFormat.TICKET;
            case PLAIN -> document.kind() == DocumentKind.FAQ ? SourceFormat.FAQ : SourceFormat.PLAIN;
            case MARKDOWN -> document.kind() == DocumentKind.FAQ ? SourceFormat.FAQ : SourceFormat.MARKDOWN;
        };
    }
}
