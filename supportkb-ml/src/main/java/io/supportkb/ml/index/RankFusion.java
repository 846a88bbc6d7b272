package io.supportkb.ml.index;

import io.supportkb.ml.index.ChunkDocument.StoredChunk;
import io.supportkb.ml.index.ChunkRetrieval.Candidate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns the two retrievers' chunk lists into ranked documents: each list is collapsed to documents
 * (a document scores as its best chunk) and given 1-based document ranks; in a single-retriever mode
 * documents are then ordered by that retriever's score, in {@link SearchMode#HYBRID} by the configured
 * {@link Fusion}:
 * <ul>
 *   <li>{@link Fusion#RRF}: reciprocal rank fusion (Cormack, Clarke &amp; Büttcher, 2009),
 *       {@code 1/(rrfK + vectorRank) + w/(rrfK + bm25Rank)} over the retrievers that returned the document,
 *       {@code w} the keyword weight;</li>
 *   <li>{@link Fusion#CONVEX}: {@code (1 - λ)·(cos + 1)/(maxCos + 1) + λ·bm25/maxBm25}, the theoretical
 *       min-max scaling of Bruch, Gai &amp; Ingber (2023) with {@code maxCos} and {@code maxBm25} the best
 *       scores in this query's lists. A document BM25 did not return gets 0 there, BM25's floor, which is
 *       exact when none of its terms matched. A document kNN did not return gets the lowest cosine among
 *       the kNN candidates: kNN returns the nearest chunks, so that is an upper bound on its true cosine,
 *       while the theoretical floor -1 is never approached by real text embeddings and would put every
 *       BM25-only document below every kNN candidate whatever λ is. A tie goes to the document kNN
 *       returned, so λ = 0 ranks exactly as {@link SearchMode#VECTOR} does, BM25-only documents after.</li>
 * </ul>
 *
 * <p>Every ordering breaks (remaining) ties by content first (a chunk's title, context and text; for a document,
 * those of its first-listed chunk), then by identifiers (document id, chunk ordinal, chunk id); chunks of one
 * document by ordinal. Never by Lucene doc ids, which change with insertion order and merges: the same content
 * and query give the same ranking whatever ids the documents got and in whatever order they were indexed. Not
 * thread-safe: one instance per search.
 */
final class RankFusion {

    static final Comparator<Candidate> BEST_CANDIDATE_FIRST =
            Comparator.comparingDouble((Candidate c) -> -c.score())
                    .thenComparing(c -> c.chunk().body())
                    .thenComparing(c -> c.chunk().documentId())
                    .thenComparingInt(c -> c.chunk().ordinal())
                    .thenComparing(c -> c.chunk().chunkId());

    private static final Comparator<DocumentEvidence> BEST_DOCUMENT_FIRST =
            Comparator.comparingDouble((DocumentEvidence d) -> -d.score)
                    .thenComparing(DocumentEvidence::content)
                    .thenComparing(d -> d.documentId);

    /** Equal convex scores: a document kNN returned beats one whose cosine was only bounded. */
    private static final Comparator<DocumentEvidence> BEST_CONVEX_DOCUMENT_FIRST =
            Comparator.comparingDouble((DocumentEvidence d) -> -d.score)
                    .thenComparing(d -> d.cosine == null)
                    .thenComparing(DocumentEvidence::content)
                    .thenComparing(d -> d.documentId);

    private static final Comparator<ChunkEvidence> BEST_CHUNK_FIRST =
            Comparator.comparingDouble((ChunkEvidence c) -> -c.score)
                    .thenComparingInt(c -> c.chunk.ordinal())
                    .thenComparing(c -> c.chunk.chunkId());

    private final SearchMode mode;
    private final Fusion fusion;
    private final int rrfK;
    private final double keywordWeight;
    /** Per query, for {@link Fusion#CONVEX}: best and lowest candidate cosine, best BM25 score. */
    private double maxCosine;
    private double minCosine;
    private double maxBm25;

    RankFusion(SearchMode mode, IndexConfig config) {
        this.mode = mode;
        this.fusion = config.fusion();
        this.rrfK = config.rrfK();
        this.keywordWeight = config.keywordWeight();
    }

    /**
     * @param vector the kNN candidates (score = cosine), empty if that retriever did not run
     * @param keyword the BM25 candidates (score = raw BM25), empty if that retriever did not run
     * @param queryTerms the analysed query terms, in query order
     * @param matchedTerms which query terms occur in a chunk; called only for returned chunks
     */
    List<DocumentHit> rank(List<Candidate> vector, List<Candidate> keyword, int topK, int chunksPerDocument,
            List<String> queryTerms, Function<StoredChunk, List<String>> matchedTerms) {
        Map<Integer, ChunkEvidence> chunks = new HashMap<>();
        Map<String, DocumentEvidence> documents = new HashMap<>();
        collect(vector, chunks, documents, true);
        collect(keyword, chunks, documents, false);
        boolean convex = mode == SearchMode.HYBRID && fusion == Fusion.CONVEX;
        if (convex) {
            maxCosine = vector.stream().mapToDouble(Candidate::score).max().orElse(Double.NaN);
            minCosine = vector.stream().mapToDouble(Candidate::score).min().orElse(Double.NaN);
            maxBm25 = keyword.stream().mapToDouble(Candidate::score).max().orElse(Double.NaN);
        }

        List<DocumentEvidence> ranked = new ArrayList<>(documents.values());
        for (DocumentEvidence document : ranked) {
            document.score = score(document.cosine, document.vectorRank, document.bm25, document.bm25Rank);
            for (ChunkEvidence chunk : document.chunks) {
                chunk.score = score(chunk.cosine, chunk.vectorRank, chunk.bm25, chunk.bm25Rank);
            }
        }
        List<DocumentEvidence> best = best(ranked, topK, convex ? BEST_CONVEX_DOCUMENT_FIRST : BEST_DOCUMENT_FIRST);

        List<DocumentHit> hits = new ArrayList<>(best.size());
        for (DocumentEvidence document : best) {
            hits.add(toHit(hits.size() + 1, document, chunksPerDocument, queryTerms, matchedTerms));
        }
        return hits;
    }

    /**
     * The first {@code topK} of {@code documents} in {@code order}, which ranks by score first. Only documents
     * scoring at least the {@code topK}-th best score can be among them, so only those are sorted: the content
     * tie-break reads a chunk's stored fields, and with reciprocal rank fusion most scores tie with another.
     */
    private static List<DocumentEvidence> best(List<DocumentEvidence> documents, int topK,
            Comparator<DocumentEvidence> order) {
        List<DocumentEvidence> contenders = documents;
        if (documents.size() > topK) {
            double[] scores = documents.stream().mapToDouble(d -> d.score).sorted().toArray();
            double cut = scores[scores.length - topK];
            contenders = new ArrayList<>(documents.stream().filter(d -> d.score >= cut).toList());
        }
        contenders.sort(order);
        return contenders.subList(0, Math.min(topK, contenders.size()));
    }

    private static void collect(List<Candidate> candidates, Map<Integer, ChunkEvidence> chunks,
            Map<String, DocumentEvidence> documents, boolean isVector) {
        List<Candidate> sorted = new ArrayList<>(candidates);
        sorted.sort(BEST_CANDIDATE_FIRST);
        int documentRank = 0;
        for (int i = 0; i < sorted.size(); i++) {
            Candidate candidate = sorted.get(i);
            StoredChunk stored = candidate.chunk();
            DocumentEvidence document = documents.computeIfAbsent(stored.documentId(), DocumentEvidence::new);
            ChunkEvidence chunk = chunks.computeIfAbsent(stored.luceneDocId(), id -> {
                ChunkEvidence created = new ChunkEvidence(stored);
                document.chunks.add(created);
                return created;
            });
            // The list is sorted best first, so a document's first chunk seen is its best one.
            boolean firstOfDocument = isVector ? document.vectorRank == null : document.bm25Rank == null;
            if (firstOfDocument) {
                documentRank++;
            }
            if (isVector) {
                chunk.cosine = candidate.score();
                chunk.vectorRank = i + 1;
                if (firstOfDocument) {
                    document.cosine = candidate.score();
                    document.vectorRank = documentRank;
                }
            } else {
                chunk.bm25 = candidate.score();
                chunk.bm25Rank = i + 1;
                if (firstOfDocument) {
                    document.bm25 = candidate.score();
                    document.bm25Rank = documentRank;
                }
            }
        }
    }

    private double score(Float cosine, Integer vectorRank, Float bm25, Integer bm25Rank) {
        return switch (mode) {
            case VECTOR -> cosine;
            case KEYWORD -> bm25;
            case HYBRID -> switch (fusion) {
                case RRF -> reciprocal(vectorRank) + keywordWeight * reciprocal(bm25Rank);
                case CONVEX -> (1 - keywordWeight) * normalisedCosine(cosine) + keywordWeight * normalisedBm25(bm25);
            };
        };
    }

    /** Theoretical min-max: {@code (cos - (-1)) / (maxCos - (-1))}, in [0, 1]; a missing cosine is bounded. */
    private double normalisedCosine(Float cosine) {
        double value = cosine != null ? cosine : minCosine;
        double range = maxCosine + 1;
        // No kNN list (NaN), or every candidate at the floor -1: the vectors tell nothing apart.
        return range > 0 ? (value + 1) / range : 0;
    }

    /** Theoretical min-max: {@code (bm25 - 0) / (maxBm25 - 0)}, in [0, 1]; 0 when BM25 did not return it. */
    private double normalisedBm25(Float bm25) {
        return bm25 != null && maxBm25 > 0 ? bm25 / maxBm25 : 0;
    }

    private double reciprocal(Integer rank) {
        return rank == null ? 0 : 1.0 / (rrfK + rank);
    }

    private static DocumentHit toHit(int rank, DocumentEvidence document, int chunksPerDocument,
            List<String> queryTerms, Function<StoredChunk, List<String>> matchedTerms) {
        List<ChunkEvidence> best = new ArrayList<>(document.chunks);
        best.sort(BEST_CHUNK_FIRST);
        List<ChunkHit> chunkHits = new ArrayList<>();
        Set<String> matchedInDocument = new HashSet<>();
        for (ChunkEvidence chunk : best.subList(0, Math.min(chunksPerDocument, best.size()))) {
            List<String> matched = matchedTerms.apply(chunk.chunk);
            matchedInDocument.addAll(matched);
            StoredChunk stored = chunk.chunk;
            chunkHits.add(new ChunkHit(stored.chunkId(), stored.ordinal(), stored.text(), stored.charStart(),
                    stored.charEnd(), new ScoreBreakdown(chunk.cosine, chunk.vectorRank, chunk.bm25,
                            chunk.bm25Rank, chunk.score, matched)));
        }
        List<String> matched = queryTerms.stream().filter(matchedInDocument::contains).toList();
        StoredChunk first = best.getFirst().chunk;
        ScoreBreakdown scores = new ScoreBreakdown(document.cosine, document.vectorRank, document.bm25,
                document.bm25Rank, document.score, matched);
        return new DocumentHit(rank, document.documentId, first.title(), first.kind(), document.score, scores,
                chunkHits);
    }

    /** What the retrievers said about one chunk; a retriever's fields stay null if it did not return it. */
    private static final class ChunkEvidence {
        final StoredChunk chunk;
        Float cosine;
        Integer vectorRank;
        Float bm25;
        Integer bm25Rank;
        double score;

        ChunkEvidence(StoredChunk chunk) {
            this.chunk = chunk;
        }
    }

    /** What the retrievers said about one document, through its best chunk in each. */
    private static final class DocumentEvidence {
        final String documentId;
        final List<ChunkEvidence> chunks = new ArrayList<>();
        Float cosine;
        Integer vectorRank;
        Float bm25;
        Integer bm25Rank;
        double score;

        DocumentEvidence(String documentId) {
            this.documentId = documentId;
        }

        /**
         * The tie-break key: the text of the chunk listed first, which is the document's best kNN chunk, or its
         * best BM25 chunk when kNN did not return it (the kNN list is collected first, each list best first).
         */
        String content() {
            return chunks.getFirst().chunk.body();
        }
    }
}
