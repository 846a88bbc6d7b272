package io.supportkb.ml.chunk;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Finds where paragraphs, sentences and lines start inside a block, so that an over-long block can be
 * cut at the strongest boundary that fits.
 *
 * <p>A sentence ends at {@code . ! ? …} (optionally followed by closing quotes or brackets) followed by
 * whitespace, or at {@code 。！？} with or without whitespace. A period does not end a sentence when the
 * next word starts in lower case ({@code approx. ten}), when it follows a single letter ({@code e.g.},
 * {@code J. Smith}) or when it closes a number at the start of a line (an ordered list marker). A hand
 * written single pass: linear time and no regular expressions to backtrack on hostile input.
 */
final class SentenceSplitter {

    /**
     * Char offsets (into the source) at which units start, ascending, excluding the block's own start.
     * Each set contains the stronger ones: {@code lines ⊇ sentences ⊇ paragraphs}.
     */
    record Boundaries(int[] paragraphs, int[] sentences, int[] lines) {}

    private static final int MAX_WORD_LOOKBACK = 20;

    private SentenceSplitter() {}

    /**
     * Scans {@code text[start, end)}. With {@code sentences == false} (code) only blank lines and line
     * breaks count; blank lines are then paragraph and sentence boundaries alike.
     */
    static Boundaries scan(String text, int start, int end, boolean sentences) {
        IntStream.Builder paragraphs = IntStream.builder();
        IntStream.Builder sentenceStarts = IntStream.builder();
        IntStream.Builder lines = IntStream.builder();
        IntConsumer inLineSentence = at -> {
            sentenceStarts.add(at);
            lines.add(at);
        };
        boolean first = true;
        boolean blankBefore = false;
        boolean sentenceEnded = false;
        int pos = start;
        while (pos < end) {
            int lineEnd = pos;
            while (lineEnd < end && text.charAt(lineEnd) != '\n' && text.charAt(lineEnd) != '\r') {
                lineEnd++;
            }
            int f = pos;
            while (f < lineEnd && Character.isWhitespace(text.charAt(f))) {
                f++;
            }
            if (f == lineEnd) {
                blankBefore = true;
            } else {
                if (!first) {
                    lines.add(f);
                    if (blankBefore || sentenceEnded) {
                        sentenceStarts.add(f);
                    }
                    if (blankBefore) {
                        paragraphs.add(f);
                    }
                }
                first = false;
                blankBefore = false;
                sentenceEnded = sentences && scanLine(text, f, lineEnd, inLineSentence);
            }
            pos = lineEnd;
            if (pos < end) {
                pos += text.charAt(pos) == '\r' && pos + 1 < end && text.charAt(pos + 1) == '\n' ? 2 : 1;
            }
        }
        return new Boundaries(paragraphs.build().toArray(), sentenceStarts.build().toArray(), lines.build().toArray());
    }

    /** Reports sentence starts inside {@code [from, end)}; returns whether the line ends a sentence. */
    private static boolean scanLine(String text, int from, int end, IntConsumer sentenceStart) {
        int j = from;
        while (j < end) {
            char c = text.charAt(j);
            if (!isTerminator(c)) {
                j++;
                continue;
            }
            int k = j + 1;
            while (k < end && (isTerminator(text.charAt(k)) || isCloser(text.charAt(k)))) {
                k++;
            }
            int m = k;
            while (m < end && Character.isWhitespace(text.charAt(m))) {
                m++;
            }
            if (m == end) {
                return true;
            }
            if ((m > k || isFullWidthTerminator(c)) && endsSentence(text, from, j, c, m)) {
                sentenceStart.accept(m);
            }
            j = m;
        }
        return false;
    }

    private static boolean endsSentence(String text, int lineStart, int terminator, char c, int next) {
        if (c != '.') {
            return true;
        }
        if (Character.isLowerCase(text.charAt(next))) {
            return false;
        }
        int w = terminator;
        while (w > lineStart && terminator - w < MAX_WORD_LOOKBACK && Character.isLetterOrDigit(text.charAt(w - 1))) {
            w--;
        }
        int length = terminator - w;
        if (length == 1 && Character.isLetter(text.charAt(w))) {
            return false;
        }
        return !(length > 0 && w == lineStart && allDigits(text, w, terminator));
    }

    private static boolean allDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!MarkdownSyntax.isAsciiDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTerminator(char c) {
        return c == '.' || c == '!' || c == '?' || c == '…' || isFullWidthTerminator(c);
    }

    private static boolean isFullWidthTerminator(char c) {
        return c == '。' || c == '！' || c == '？';
    }

    private static boolean isCloser(char c) {
        return c == ')' || c == ']' || c == '"' || c == '\'' || c == '”' || c == '’' || c == '»' || c == '*'
                || c == '_' || c == '」' || c == '』';
    }
}
