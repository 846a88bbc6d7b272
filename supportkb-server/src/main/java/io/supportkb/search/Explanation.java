package io.supportkb.search;

import java.time.Instant;
import java.util.List;

/**
 * Why a document did or did not come back for a query.
 *
 * @param collection          the collection
 * @param documentId          the document in question
 * @param query               the query as sent
 * @param mode                the query's mode
 * @param topK                the query's topK
 * @param document            what the catalog says about the document
 * @param filters             whether the query's filters exclude it, and which
 * @param vector              its evidence in kNN search: document rank among the explain candidates (null when not
 *                            among them), the exact best cosine over its stored chunk embeddings, and that chunk
 * @param keyword             its evidence in BM25 search: document rank and score (null when not among the
 *                            candidates), and the query terms the document contains
 * @param rank                its document rank in the query's mode among the explain candidates (null when absent)
 * @param ranksWithoutFilters true when the ranks were taken without the filters (because they exclude it)
 * @param returned            whether the query, as sent, returns it (cache bypassed)
 * @param resultRank          its rank in that result, or null
 * @param bestChunk           the chunk that represents it best (the search's best chunk when found, else the one
 *                            with the highest cosine)
 * @param candidates          chunks each retriever fetched to look for it
 * @param generation          the collection's index generation on this node
 * @param verdict             one sentence for a human
 */
public record Explanation(String collection, String documentId, String query, QueryMode mode, int topK,
                          DocumentState document, FilterCheck filters, Evidence vector, Evidence keyword, Integer rank,
                          boolean ranksWithoutFilters, boolean returned, Integer resultRank, MatchedChunk bestChunk,
                          int candidates, long generation, String verdict) {

    /**
     * @param exists       whether the document exists in the collection (in any status)
     * @param status       RECEIVED, QUEUED, PROCESSING, INDEXED, FAILED or DELETED
     * @param indexed      whether it is searchable (INDEXED)
     * @param foundInIndex whether either retriever returned it among the explain candidates on this node
     * @param lastError    why indexing failed, for FAILED documents
     * @param replacedBy   the newer version that replaced it, for replaced documents
     */
    public record DocumentState(boolean exists, String status, boolean indexed, boolean foundInIndex,
                                String externalId, String title, String kind, List<String> tags, String language,
                                Instant updatedAt, Integer chunkCount, String lastError, String replacedBy) {
    }

    /** @param reasons one line per filter that excludes the document */
    public record FilterCheck(boolean excluded, List<String> reasons) {
    }

    /**
     * @param rank         1-based document rank in this retriever, or null when not among the candidates
     * @param score        cosine (vector) or BM25 score (keyword)
     * @param chunkOrdinal the chunk the score belongs to
     * @param matchedTerms analysed query terms in the document (keyword evidence only)
     */
    public record Evidence(Integer rank, Float score, Integer chunkOrdinal, List<String> matchedTerms) {
    }
}
