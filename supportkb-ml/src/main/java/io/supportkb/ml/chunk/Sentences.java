package io.supportkb.ml.chunk;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into sentence-like units with their character offsets: sentences, and lines (list items, headings,
 * table rows) that do not end with punctuation. Uses the chunker's own boundary rules, so answers cut text exactly
 * where chunks would. Stateless and thread-safe.
 */
public final class Sentences {

    /**
     * One unit of text, trimmed of surrounding whitespace.
     *
     * @param start UTF-16 offset of the first character (inclusive)
     * @param end   UTF-16 offset just past the last character (exclusive)
     */
    public record Span(int start, int end) {

        public String of(String text) {
            return text.substring(start, end);
        }
    }

    private Sentences() {
    }

    /** The non-blank units of {@code text} in order; together they cover every non-whitespace character. */
    public static List<Span> split(String text) {
        int[] starts = SentenceSplitter.scan(text, 0, text.length(), true).lines();
        List<Span> spans = new ArrayList<>(starts.length + 1);
        int from = 0;
        for (int start : starts) {
            addTrimmed(text, from, start, spans);
            from = start;
        }
        addTrimmed(text, from, text.length(), spans);
        return spans;
    }

    private static void addTrimmed(String text, int from, int to, List<Span> spans) {
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        if (to > from) {
            spans.add(new Span(from, to));
        }
    }
}
