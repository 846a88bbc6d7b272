package io.supportkb.search;

import java.util.List;

/**
 * One returned chunk of a document.
 *
 * @param ordinal    0-based position of the chunk in its document
 * @param text       the chunk's text
 * @param charStart  UTF-16 offset of the chunk in the document's text (inclusive)
 * @param charEnd    UTF-16 offset just past the chunk (exclusive)
 * @param highlights query terms in {@code text}, in order of appearance
 * @param scores     the chunk's own scores; ranks are chunk ranks within each retriever
 */
public record MatchedChunk(int ordinal, String text, int charStart, int charEnd, List<Highlight> highlights,
                           Scores scores) {

    public MatchedChunk {
        highlights = List.copyOf(highlights);
    }
}
