package io.supportkb.ml.index;

import io.supportkb.ml.index.ChunkDocument.StoredChunk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * The two chunk retrievers of one search, both over the same point-in-time searcher: kNN over the
 * embeddings and BM25 over the analysed text, each restricted by the same filter <em>inside</em> the
 * search. Not thread-safe: one instance per search.
 */
final class ChunkRetrieval {

    /** A retrieved chunk and its retriever's score: cosine in [-1, 1] for kNN, raw BM25 for keywords. */
    record Candidate(StoredChunk chunk, float score) {}

    private final IndexSearcher searcher;
    private final StoredFields storedFields;
    /** Both retrievers often return the same chunk; make it once (its stored fields are read at most once). */
    private final Map<Integer, StoredChunk> stored = new HashMap<>();
    private long fetchNanos;

    ChunkRetrieval(IndexSearcher searcher) throws IOException {
        this.searcher = searcher;
        this.storedFields = searcher.storedFields();
    }

    /** Collection, plus whatever the filters restrict; used as a FILTER, so it never affects scores. */
    static Query filter(String collection, SearchFilters filters) {
        BooleanQuery.Builder filter = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(ChunkDocument.COLLECTION, collection)), Occur.FILTER);
        if (!filters.kinds().isEmpty()) {
            filter.add(anyOf(ChunkDocument.KIND, filters.kinds()), Occur.FILTER);
        }
        if (!filters.tags().isEmpty()) {
            filter.add(anyOf(ChunkDocument.TAGS, filters.tags()), Occur.FILTER);
        }
        if (filters.language() != null) {
            filter.add(new TermQuery(new Term(ChunkDocument.LANGUAGE, filters.language())), Occur.FILTER);
        }
        Long after = filters.updatedAfterEpochMillis();
        if (after != null && after < Long.MAX_VALUE) {
            filter.add(LongPoint.newRangeQuery(ChunkDocument.UPDATED_AT, after + 1, Long.MAX_VALUE), Occur.FILTER);
        } else if (after != null) {
            filter.add(new MatchNoDocsQuery("nothing is updated after Long.MAX_VALUE"), Occur.FILTER);
        }
        return filter.build();
    }

    /**
     * Whether kNN should scan every chunk {@code filter} matches: true when they are at most {@code exactMaxChunks}
     * ({@code 0}: never). Counts the matching chunks, so a search asks once and passes the answer to each
     * {@link #vector} call.
     */
    boolean scansExactly(Query filter, int exactMaxChunks) throws IOException {
        return exactMaxChunks > 0 && searcher.count(filter) <= exactMaxChunks;
    }

    /**
     * The {@code k} chunks nearest to {@code queryVector} by cosine among those matching {@code filter}.
     * With {@code exact} every one of them is scored (an exact scan, see {@link #scansExactly}); otherwise the
     * filter is applied while the HNSW graph is explored (Lucene itself switches to an exact scan when the
     * filter is very selective), so {@code k} matching chunks are found whenever that many exist.
     */
    List<Candidate> vector(float[] queryVector, int k, Query filter, boolean exact) throws IOException {
        Query query = exact
                ? new FunctionScoreQuery(filter, new QueryVectorSimilarity(queryVector, ChunkDocument.VECTOR))
                : new KnnFloatVectorQuery(ChunkDocument.VECTOR, queryVector, clamp(k), filter);
        TopDocs top = searcher.search(query, clamp(k));
        resolve(top.scoreDocs);
        List<Candidate> candidates = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc hit : top.scoreDocs) {
            candidates.add(new Candidate(stored.get(hit.doc), cosineFromScore(hit.score)));
        }
        return candidates;
    }

    /**
     * The Rocchio-expanded query of {@link VectorFeedback}: {@code q/|q| + weight · mean(d/|d|)} over the best
     * chunk of each of the first {@code feedback.documents()} documents of {@code firstPass} (best first, ties
     * as {@link RankFusion} breaks them), normalised to unit length.
     */
    float[] expand(float[] queryVector, List<Candidate> firstPass, VectorFeedback feedback) throws IOException {
        List<Candidate> best = new ArrayList<>(firstPass);
        best.sort(RankFusion.BEST_CANDIDATE_FIRST);
        float[] mean = new float[queryVector.length]; // the sum of unit vectors, divided by their number below
        Set<String> seen = new HashSet<>();
        for (Candidate candidate : best) {
            if (seen.size() == feedback.documents()) {
                break;
            }
            if (seen.add(candidate.chunk().documentId())) {
                addUnit(mean, storedVector(candidate.chunk().luceneDocId()), 1f);
            }
        }
        float[] expanded = new float[queryVector.length];
        addUnit(expanded, queryVector, 1f);
        float scale = feedback.weight() / seen.size();
        for (int i = 0; i < expanded.length; i++) {
            expanded[i] += scale * mean[i];
        }
        return unit(expanded);
    }

    /** The vector indexed for a chunk, read from the segment that holds it. */
    private float[] storedVector(int docId) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docId, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(ChunkDocument.VECTOR);
        KnnVectorValues.DocIndexIterator iterator = values.iterator();
        if (iterator.advance(docId - leaf.docBase) != docId - leaf.docBase) {
            throw new IllegalStateException("chunk " + docId + " has no vector");
        }
        return values.vectorValue(iterator.index()).clone();
    }

    /** {@code sum += weight · v/|v|}. */
    private static void addUnit(float[] sum, float[] v, float weight) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (norm == 0) {
            return;
        }
        float scale = (float) (weight / Math.sqrt(norm));
        for (int i = 0; i < sum.length; i++) {
            sum[i] += scale * v[i];
        }
    }

    private static float[] unit(float[] v) {
        float[] u = new float[v.length];
        addUnit(u, v, 1f);
        return u;
    }

    /**
     * The {@code k} best chunks by BM25 for any of {@code terms} among those matching {@code filter}.
     * The terms are already analysed, so each becomes a plain term clause: nothing is parsed.
     */
    List<Candidate> keyword(List<String> terms, int k, Query filter) throws IOException {
        if (terms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : terms) {
            query.add(new TermQuery(new Term(ChunkDocument.BODY, term)), Occur.SHOULD);
        }
        // With a FILTER clause present SHOULD clauses become optional: require one, or the filter
        // alone would match every chunk of the collection with score 0.
        query.add(filter, Occur.FILTER).setMinimumNumberShouldMatch(1);
        TopDocs top = searcher.search(query.build(), clamp(k));
        resolve(top.scoreDocs);
        List<Candidate> candidates = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc hit : top.scoreDocs) {
            candidates.add(new Candidate(stored.get(hit.doc), hit.score));
        }
        return candidates;
    }

    /**
     * Lucene's COSINE score is {@code (1 + cos) / 2} so that it is never negative; report the cosine
     * itself, clamped because float rounding can step just outside [-1, 1].
     */
    static float cosineFromScore(float luceneScore) {
        return Math.max(-1f, Math.min(1f, 2f * luceneScore - 1f));
    }

    /** More candidates than documents buys nothing but allocation. */
    private int clamp(int k) {
        return Math.max(1, Math.min(k, searcher.getIndexReader().maxDoc()));
    }

    /**
     * Makes a {@link StoredChunk} for every hit not seen yet: the document id from the doc-values column (read in
     * doc-id order, as Lucene's iterators require), the other stored fields only when first used. Chunks indexed
     * before that column existed are read from their stored fields at once.
     */
    private void resolve(ScoreDoc[] hits) throws IOException {
        long start = System.nanoTime();
        int[] docs = Arrays.stream(hits).mapToInt(hit -> hit.doc).filter(doc -> !stored.containsKey(doc))
                .sorted().distinct().toArray();
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int leafIndex = -1;
        LeafReaderContext leaf = null;
        SortedDocValues documentIds = null;
        for (int doc : docs) {
            int index = ReaderUtil.subIndex(doc, leaves);
            if (index != leafIndex) {
                leafIndex = index;
                leaf = leaves.get(index);
                documentIds = leaf.reader().getSortedDocValues(ChunkDocument.DOCUMENT_ID_VALUES);
            }
            StoredChunk chunk = documentIds != null && documentIds.advanceExact(doc - leaf.docBase)
                    ? new StoredChunk(doc, documentIds.lookupOrd(documentIds.ordValue()).utf8ToString(), this::document)
                    : ChunkDocument.read(doc, document(doc));
            stored.put(doc, chunk);
        }
        fetchNanos += System.nanoTime() - start;
    }

    /** The stored fields of one chunk; the time counts as fetching, whenever a candidate's fields are first used. */
    private Document document(int docId) {
        long start = System.nanoTime();
        try {
            return storedFields.document(docId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stored fields of chunk " + docId, e);
        } finally {
            fetchNanos += System.nanoTime() - start;
        }
    }

    /**
     * Nanoseconds spent reading candidates' document ids and stored fields so far: the ids during the retrievers,
     * the stored fields whenever first used (mostly while ranking: returned chunks and content tie-breaks).
     */
    long fetchNanos() {
        return fetchNanos;
    }

    private static Query anyOf(String field, Set<String> values) {
        List<BytesRef> terms = values.stream().map(BytesRef::new).toList();
        return new TermInSetQuery(field, terms);
    }
}
