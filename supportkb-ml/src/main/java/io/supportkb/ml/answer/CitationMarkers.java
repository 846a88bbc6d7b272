package io.supportkb.ml.answer;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads citation markers ({@code [1]}, {@code [1, 3]}, {@code [1][3]}) out of one answer sentence. A single linear
 * pass without regular expressions, so hostile model output (huge numbers, thousands of commas) costs linear time
 * and no stack; a bracket group that is not a short list of 1–3 digit numbers is left in the text.
 */
final class CitationMarkers {

    /** Longest bracket group considered a marker list, in characters. */
    private static final int MAX_GROUP = 40;

    /**
     * One sentence with its markers removed.
     *
     * @param text    the sentence without markers, whitespace before punctuation removed, stripped
     * @param leading markers before the first letter or digit of the sentence
     * @param cited   the other markers, in order
     */
    record Parsed(String text, List<Integer> leading, List<Integer> cited) {
    }

    private CitationMarkers() {
    }

    static Parsed parse(String unit) {
        StringBuilder text = new StringBuilder(unit.length());
        List<Integer> leading = new ArrayList<>();
        List<Integer> cited = new ArrayList<>();
        boolean seenText = false;
        int i = 0;
        while (i < unit.length()) {
            char c = unit.charAt(i);
            if (c == '[') {
                int close = unit.indexOf(']', i + 1);
                List<Integer> ids = close < 0 || close - i > MAX_GROUP ? null : numbers(unit, i + 1, close);
                if (ids != null) {
                    (seenText ? cited : leading).addAll(ids);
                    i = close + 1;
                    continue;
                }
            }
            seenText |= Character.isLetterOrDigit(c);
            text.append(c);
            i++;
        }
        return new Parsed(tidy(text), leading, cited);
    }

    /** The numbers of {@code "1, 3"} in {@code unit[from, to)}, or {@code null} when it is anything else. */
    private static List<Integer> numbers(String unit, int from, int to) {
        List<Integer> ids = new ArrayList<>(2);
        int value = 0;
        int digits = 0;
        for (int i = from; i <= to; i++) {
            char c = i == to ? ',' : unit.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return null;
                }
                value = value * 10 + (c - '0');
            } else if (c == ',') {
                if (digits == 0) {
                    return null;
                }
                ids.add(value);
                value = 0;
                digits = 0;
            } else if (c != ' ') {
                return null;
            }
        }
        return ids;
    }

    /** Collapses runs of whitespace and drops whitespace before {@code . , ; : ! ?} left behind by removed markers. */
    private static String tidy(StringBuilder text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = Character.isWhitespace(c);
            if (space && (out.isEmpty() || Character.isWhitespace(out.charAt(out.length() - 1)))) {
                continue;
            }
            if (".,;:!?".indexOf(c) >= 0 && !out.isEmpty() && out.charAt(out.length() - 1) == ' ') {
                out.setLength(out.length() - 1);
            }
            out.append(space ? ' ' : c);
        }
        return out.toString().strip();
    }
}
