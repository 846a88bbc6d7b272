package io.supportkb.ml.index;

import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;

/**
 * The default Lucene 10.3 codec with the HNSW graph built to the configured M and efConstruction.
 *
 * <p>It writes segments under the standard codec name and the per-field vector format records its own
 * name, so an index written with any M or beam width is read by the plain default codec: changing
 * {@link IndexConfig} never makes an existing index unreadable, it only affects segments written after.
 */
final class KnowledgeCodec extends Lucene103Codec {

    private final KnnVectorsFormat vectors;

    KnowledgeCodec(IndexConfig config) {
        this.vectors = new Lucene99HnswVectorsFormat(config.hnswM(), config.hnswBeamWidth());
    }

    @Override
    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return vectors;
    }
}
