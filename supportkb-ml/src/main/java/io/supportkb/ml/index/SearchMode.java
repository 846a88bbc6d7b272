package io.supportkb.ml.index;

/** Which retrievers a search runs. */
public enum SearchMode {
    /** kNN over chunk embeddings only; documents ranked by their best chunk's cosine similarity. */
    VECTOR,
    /** BM25 over title + context + text only; documents ranked by their best chunk's BM25 score. */
    KEYWORD,
    /** Both retrievers, documents ranked by fusing the two lists ({@link IndexConfig#fusion()}). */
    HYBRID
}
