package io.supportkb.ml.eval;

import java.util.Objects;

/**
 * One retrieved document of a ranking, as written to a TREC run.
 *
 * @param docId the corpus id
 * @param score the retriever's score (cosine, BM25 or fused); higher is better
 */
public record ScoredDoc(String docId, double score) {

    public ScoredDoc {
        Objects.requireNonNull(docId, "docId");
    }
}
