package io.supportkb.ml.chunk;

import java.util.List;
import java.util.Objects;

/**
 * One passage of a source document, ready to embed.
 *
 * <p>Invariants, checked on construction: {@code charEnd - charStart == text.length()}, and for the
 * source it was cut from, {@code source.substring(charStart, charEnd).equals(text)}. Offsets are UTF-16
 * indices into that source. {@code text} is trimmed and never blank.
 *
 * @param ordinal     0-based position of this chunk in the document's chunk list
 * @param text        the passage, a trimmed substring of the source
 * @param charStart   inclusive start offset of {@code text} in the source, in chars
 * @param charEnd     exclusive end offset of {@code text} in the source, in chars
 * @param tokenCount  model tokens in {@link #embeddingText()} (not in {@code text} alone)
 * @param headingPath context for the passage: the document title first (when there is one), then the
 *                    Markdown heading chain; possibly shortened to fit the token budget
 */
public record Chunk(int ordinal, String text, int charStart, int charEnd, int tokenCount, List<String> headingPath) {

    /** Separator between heading path entries in {@link #embeddingText()}. */
    static final String PATH_SEPARATOR = " > ";

    public Chunk {
        Objects.requireNonNull(text, "text");
        headingPath = List.copyOf(headingPath);
        if (ordinal < 0 || tokenCount < 0 || charStart < 0 || charEnd - charStart != text.length()) {
            throw new IllegalArgumentException("inconsistent chunk: ordinal=" + ordinal + " chars=[" + charStart
                    + "," + charEnd + ") length=" + text.length() + " tokens=" + tokenCount);
        }
    }

    /**
     * The text to embed: the heading path joined with {@code " > "}, a newline, then {@link #text()}; just
     * the text when the path is empty. {@link #tokenCount()} counts exactly this string.
     */
    public String embeddingText() {
        return embeddingText(headingPath, text);
    }

    static String embeddingText(List<String> headingPath, String text) {
        return headingPath.isEmpty() ? text : String.join(PATH_SEPARATOR, headingPath) + "\n" + text;
    }
}
