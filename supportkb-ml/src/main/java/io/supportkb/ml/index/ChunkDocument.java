package io.supportkb.ml.index;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field.Store;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/** The Lucene document layout of one {@link IndexedChunk}: field names, writing, and reading back. */
final class ChunkDocument {

    static final String CHUNK_ID = "chunk_id";
    static final String DOCUMENT_ID = "document_id";
    /**
     * The document id again, as doc values: grouping a search's candidates by document reads only this column,
     * and a candidate's stored fields are read only if it is returned or its content breaks a tie. A separate
     * field because Lucene does not let an existing field gain doc values; chunks indexed before it existed
     * have none and are read from their stored fields.
     */
    static final String DOCUMENT_ID_VALUES = "document_id_values";
    static final String COLLECTION = "collection";
    /** Unique per (collection, document); the term that replace and delete act on. */
    static final String DOCUMENT_KEY = "document_key";
    static final String ORDINAL = "ordinal";
    static final String TITLE = "title";
    static final String CONTEXT = "context";
    static final String TEXT = "text";
    /** Analysed title + context + text, searched by BM25; not stored (rebuilt from the stored parts). */
    static final String BODY = "body";
    static final String KIND = "kind";
    static final String TAGS = "tags";
    static final String LANGUAGE = "language";
    static final String UPDATED_AT = "updated_at";
    static final String CHAR_START = "char_start";
    static final String CHAR_END = "char_end";
    /** The embedding; Lucene keeps the raw vectors next to the graph, so they can be read back. */
    static final String VECTOR = "vector";

    private ChunkDocument() {}

    /**
     * The key term of a document. The collection is length-prefixed so that no pair of
     * (collection, documentId) values can produce the same key, whatever characters they contain.
     */
    static Term documentKey(String collection, String documentId) {
        return new Term(DOCUMENT_KEY, collection.length() + ":" + collection + "/" + documentId);
    }

    /** What BM25 indexes for a chunk; also what matched terms are checked against. */
    static String body(String title, String context, String text) {
        return nullToEmpty(title) + "\n" + nullToEmpty(context) + "\n" + text;
    }

    static List<IndexableField> toFields(IndexedChunk chunk) {
        List<IndexableField> fields = new ArrayList<>();
        fields.add(new StringField(CHUNK_ID, chunk.chunkId(), Store.YES));
        fields.add(new StringField(DOCUMENT_ID, chunk.documentId(), Store.YES));
        fields.add(new SortedDocValuesField(DOCUMENT_ID_VALUES, new BytesRef(chunk.documentId())));
        fields.add(new StringField(COLLECTION, chunk.collection(), Store.YES));
        fields.add(new StringField(DOCUMENT_KEY, documentKey(chunk.collection(), chunk.documentId()).text(), Store.NO));
        fields.add(new StoredField(ORDINAL, chunk.ordinal()));
        if (chunk.title() != null) {
            fields.add(new StoredField(TITLE, chunk.title()));
        }
        if (chunk.context() != null) {
            fields.add(new StoredField(CONTEXT, chunk.context()));
        }
        fields.add(new StoredField(TEXT, chunk.text()));
        fields.add(new TextField(BODY, body(chunk.title(), chunk.context(), chunk.text()), Store.NO));
        if (chunk.kind() != null) {
            fields.add(new StringField(KIND, chunk.kind(), Store.YES));
        }
        for (String tag : chunk.tags()) {
            fields.add(new StringField(TAGS, tag, Store.YES));
        }
        if (chunk.language() != null) {
            fields.add(new StringField(LANGUAGE, chunk.language(), Store.YES));
        }
        fields.add(new LongPoint(UPDATED_AT, chunk.updatedAtEpochMillis()));
        fields.add(new StoredField(UPDATED_AT, chunk.updatedAtEpochMillis()));
        fields.add(new StoredField(CHAR_START, chunk.charStart()));
        fields.add(new StoredField(CHAR_END, chunk.charEnd()));
        fields.add(new KnnFloatVectorField(VECTOR, chunk.vector(), VectorSimilarityFunction.COSINE));
        return fields;
    }

    /** The stored fields a search needs, read back from a hit. */
    static StoredChunk read(int luceneDocId, Document document) {
        return new StoredChunk(luceneDocId, document.get(DOCUMENT_ID), Stored.of(document));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /**
     * A chunk as read from a searcher; {@code luceneDocId} is only meaningful within that searcher. The document
     * id is known at once; the other stored fields are read from {@code reader} on first use (then kept), so a
     * candidate that is neither returned nor needed for a tie costs no stored-field read. Not thread-safe.
     */
    static final class StoredChunk {

        private final int luceneDocId;
        private final String documentId;
        private IntFunction<Document> reader;
        private Stored stored;

        /** Reads the other stored fields from {@code reader} when first asked for. */
        StoredChunk(int luceneDocId, String documentId, IntFunction<Document> reader) {
            this.luceneDocId = luceneDocId;
            this.documentId = documentId;
            this.reader = reader;
        }

        StoredChunk(int luceneDocId, String chunkId, String documentId, int ordinal, String title, String context,
                String text, int charStart, int charEnd, String kind) {
            this(luceneDocId, documentId, new Stored(chunkId, ordinal, title, context, text, charStart, charEnd, kind));
        }

        private StoredChunk(int luceneDocId, String documentId, Stored stored) {
            this.luceneDocId = luceneDocId;
            this.documentId = documentId;
            this.stored = stored;
        }

        int luceneDocId() {
            return luceneDocId;
        }

        String documentId() {
            return documentId;
        }

        String chunkId() {
            return stored().chunkId();
        }

        int ordinal() {
            return stored().ordinal();
        }

        String title() {
            return stored().title();
        }

        String context() {
            return stored().context();
        }

        String text() {
            return stored().text();
        }

        int charStart() {
            return stored().charStart();
        }

        int charEnd() {
            return stored().charEnd();
        }

        String kind() {
            return stored().kind();
        }

        String body() {
            return ChunkDocument.body(title(), context(), text());
        }

        private Stored stored() {
            if (stored == null) {
                stored = Stored.of(reader.apply(luceneDocId));
                reader = null;
            }
            return stored;
        }
    }

    private record Stored(String chunkId, int ordinal, String title, String context, String text, int charStart,
            int charEnd, String kind) {

        static Stored of(Document document) {
            return new Stored(
                    document.get(CHUNK_ID),
                    document.getField(ORDINAL).numericValue().intValue(),
                    document.get(TITLE),
                    document.get(CONTEXT),
                    document.get(TEXT),
                    document.getField(CHAR_START).numericValue().intValue(),
                    document.getField(CHAR_END).numericValue().intValue(),
                    document.get(KIND));
        }
    }
}
