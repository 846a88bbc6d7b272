package io.supportkb.ml.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Hand-made chunks, vectors and requests for the index tests (8 dimensions, fixed seeds). */
final class TestChunks {

    static final String COLLECTION = "acme";
    static final int DIMENSIONS = 8;

    private TestChunks() {}

    static Builder chunk(String documentId, int ordinal) {
        return new Builder(documentId, ordinal);
    }

    /** The unit vector along {@code axis}. */
    static float[] axis(int axis) {
        float[] vector = new float[DIMENSIONS];
        vector[axis] = 1f;
        return vector;
    }

    /** {@code a + weight * b}; cosine is scale-free, so no normalisation is needed. */
    static float[] blend(float[] a, float[] b, float weight) {
        float[] vector = new float[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            vector[i] = a[i] + weight * b[i];
        }
        return vector;
    }

    static float[] negate(float[] a) {
        return blend(new float[DIMENSIONS], a, -1f);
    }

    static float[] random(Random random) {
        float[] vector = new float[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return vector;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return dot / Math.sqrt(normA * normB);
    }

    static SearchRequest vectorQuery(float[] vector, int topK) {
        return new SearchRequest(COLLECTION, null, vector, SearchMode.VECTOR, topK, 1, SearchFilters.none(), 0);
    }

    static SearchRequest keywordQuery(String text, int topK) {
        return new SearchRequest(COLLECTION, text, null, SearchMode.KEYWORD, topK, 1, SearchFilters.none(), 0);
    }

    static SearchRequest hybridQuery(String text, float[] vector, int topK) {
        return new SearchRequest(COLLECTION, text, vector, SearchMode.HYBRID, topK, 1, SearchFilters.none(), 0);
    }

    static List<String> documentIds(SearchResult result) {
        return result.hits().stream().map(DocumentHit::documentId).toList();
    }

    static List<String> chunkIds(DocumentHit hit) {
        return hit.chunks().stream().map(ChunkHit::chunkId).toList();
    }

    /** One-chunk document in the default collection. */
    static void index(KnowledgeIndex index, IndexedChunk chunk) {
        index.replaceDocument(chunk.collection(), chunk.documentId(), List.of(chunk));
    }

    static final class Builder {
        private final String documentId;
        private final int ordinal;
        private String collection = COLLECTION;
        private String chunkId;
        private String title;
        private String context;
        private String text;
        private String kind = "article";
        private List<String> tags = List.of();
        private String language = "en";
        private long updatedAt = 1_000L;
        private float[] vector = axis(0);

        private Builder(String documentId, int ordinal) {
            this.documentId = documentId;
            this.ordinal = ordinal;
            this.title = "Title of " + documentId;
            this.text = "Body of " + documentId + " part " + ordinal;
        }

        Builder collection(String value) {
            collection = value;
            return this;
        }

        Builder chunkId(String value) {
            chunkId = value;
            return this;
        }

        Builder title(String value) {
            title = value;
            return this;
        }

        Builder context(String value) {
            context = value;
            return this;
        }

        Builder text(String value) {
            text = value;
            return this;
        }

        Builder kind(String value) {
            kind = value;
            return this;
        }

        Builder tags(String... values) {
            tags = List.of(values);
            return this;
        }

        Builder language(String value) {
            language = value;
            return this;
        }

        Builder updatedAt(long value) {
            updatedAt = value;
            return this;
        }

        Builder vector(float[] value) {
            vector = value;
            return this;
        }

        IndexedChunk build() {
            String id = chunkId != null ? chunkId : collection + "/" + documentId + "#" + ordinal;
            return new IndexedChunk(id, documentId, collection, ordinal, title, context, text, 0, text.length(),
                    kind, new ArrayList<>(tags), language, updatedAt, vector);
        }
    }
}
