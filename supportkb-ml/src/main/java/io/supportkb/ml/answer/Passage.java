package io.supportkb.ml.answer;

import java.util.Objects;

/**
 * One retrieved chunk given to an answerer, numbered as the answer cites it.
 *
 * @param id           the citation number, 1-based ({@code [1]} cites passage 1)
 * @param documentId   the document the chunk belongs to
 * @param title        the document's title, or {@code null}
 * @param chunkOrdinal the chunk's position in its document
 * @param text         the chunk's text, exactly {@code documentText[charStart, charStart + text.length())}
 * @param charStart    UTF-16 offset of {@code text} in the document's text
 */
public record Passage(int id, String documentId, String title, int chunkOrdinal, String text, int charStart) {

    public Passage {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(text, "text");
        if (id < 1 || charStart < 0) {
            throw new IllegalArgumentException("id >= 1 and charStart >= 0 required");
        }
    }
}
