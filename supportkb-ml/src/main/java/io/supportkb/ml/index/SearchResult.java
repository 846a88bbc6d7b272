package io.supportkb.ml.index;

import java.util.List;

/**
 * The result of one search.
 *
 * @param hits up to {@code topK} documents, best first
 * @param generation the index generation last committed when the search ran
 *     ({@link KnowledgeIndex#committedGeneration()}); the hits also reflect changes made since then
 */
public record SearchResult(List<DocumentHit> hits, long generation) {

    public SearchResult {
        hits = List.copyOf(hits);
    }
}
