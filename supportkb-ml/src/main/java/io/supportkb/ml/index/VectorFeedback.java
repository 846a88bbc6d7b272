package io.supportkb.ml.index;

/**
 * Pseudo-relevance feedback for the kNN retriever (Rocchio, 1971, applied to dense vectors): a first kNN
 * search finds the {@code documents} nearest documents, and the query vector is moved towards the mean of
 * their best chunks' vectors, {@code q' = q/|q| + weight · mean(d/|d|)}, before the kNN search that counts.
 * It pulls the query into the neighbourhood its best matches share, which suits question-to-question search
 * ("find past tickets like this one") where the nearest few already agree. BM25 is unchanged. The cosines
 * reported for the hits are then to {@code q'}. Costs a second kNN search.
 *
 * @param documents how many of the first search's best documents feed back, 1..100
 * @param weight how far the query moves towards them, dimensionless, in (0, 10]: 1 gives the query and the
 *     neighbours' mean equal weight
 */
public record VectorFeedback(int documents, float weight) {

    public VectorFeedback {
        if (documents < 1 || documents > 100) {
            throw new IllegalArgumentException("feedback documents must be in 1..100, was " + documents);
        }
        if (!(weight > 0 && weight <= 10)) {
            throw new IllegalArgumentException("feedback weight must be in (0, 10], was " + weight);
        }
    }
}
