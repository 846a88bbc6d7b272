package io.supportkb.ml.index;

import java.io.IOException;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;

/**
 * Each chunk's similarity to one query vector, computed exactly by Lucene with the vector field's own
 * similarity function, so a chunk scores exactly what the HNSW search would give it ({@code (1 + cos) / 2}
 * for the COSINE field). Used by the exact scan of small collections ({@link IndexConfig#exactSearchMaxChunks()}),
 * wrapped around the search's filter. Not cacheable: it belongs to one query.
 */
final class QueryVectorSimilarity extends DoubleValuesSource {

    private final float[] queryVector;
    private final String field;

    QueryVectorSimilarity(float[] queryVector, String field) {
        this.queryVector = queryVector;
        this.field = field;
    }

    @Override
    public DoubleValues getValues(LeafReaderContext ctx, DoubleValues scores) throws IOException {
        FieldInfo info = ctx.reader().getFieldInfos().fieldInfo(field);
        if (info == null || !info.hasVectorValues()) {
            // a segment holding no vector at all (every chunk has one, but be safe): nothing scores
            return DoubleValues.EMPTY;
        }
        return DoubleValuesSource.similarityToQueryVector(ctx, queryVector, field);
    }

    @Override
    public boolean needsScores() {
        return false;
    }

    @Override
    public DoubleValuesSource rewrite(IndexSearcher reader) {
        return this;
    }

    @Override
    public boolean isCacheable(LeafReaderContext ctx) {
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "similarity(" + field + ", query vector of " + queryVector.length + " dims)";
    }
}
