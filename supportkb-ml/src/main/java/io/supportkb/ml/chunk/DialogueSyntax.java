package io.supportkb.ml.chunk;

import java.util.Locale;
import java.util.Set;

/**
 * Recognisers for conversational structure: FAQ question lines and ticket message headers. Each looks
 * at a bounded prefix of one line, so cost does not grow with hostile line lengths.
 */
final class DialogueSyntax {

    /** Role words that open a ticket message ({@code agent: ...}, {@code ### customer (...)}). */
    static final Set<String> ROLES = Set.of("customer", "agent", "user", "support", "requester", "assistant",
            "staff", "operator", "engineer", "client", "bot", "system");

    private static final int MAX_HEADER_NAME_CHARS = 40;
    private static final int MAX_HEADER_NAME_WORDS = 4;
    private static final int MAX_PARENTHETICAL_CHARS = 80;

    private DialogueSyntax() {}

    /**
     * Whether the line (first non-whitespace char at {@code first}) asks an FAQ question:
     * {@code Q: ...}, {@code Q1. ...}, {@code Question: ...}, optionally in bold ({@code **Q:**}).
     */
    static boolean isQuestion(String text, int first, int end) {
        int i = skipEmphasis(text, first, end);
        if (i + 8 <= end && text.regionMatches(true, i, "question", 0, 8)) {
            i += 8;
        } else if (i < end && (text.charAt(i) == 'q' || text.charAt(i) == 'Q')) {
            i++;
        } else {
            return false;
        }
        int digits = 0;
        while (i < end && digits < 3 && MarkdownSyntax.isAsciiDigit(text.charAt(i))) {
            i++;
            digits++;
        }
        i = skipEmphasis(text, i, end);
        if (i >= end) {
            return false;
        }
        char c = text.charAt(i);
        return c == ':'
                || ((c == '.' || c == ')') && (i + 1 == end || Character.isWhitespace(text.charAt(i + 1))));
    }

    /** Whether the line starts with a role prefix such as {@code agent:} or {@code Customer (Jane):}. */
    static boolean isRoleLine(String text, int first, int end) {
        int i = skipEmphasis(text, first, end);
        int w = i;
        while (w < end && w - i < 16 && Character.isLetter(text.charAt(w))) {
            w++;
        }
        if (!ROLES.contains(text.substring(i, w).toLowerCase(Locale.ROOT))) {
            return false;
        }
        int j = skipBlanks(text, skipEmphasis(text, w, end), end);
        if (j < end && text.charAt(j) == '(') {
            int close = text.indexOf(')', j, Math.min(end, j + MAX_PARENTHETICAL_CHARS));
            if (close < 0) {
                return false;
            }
            j = skipBlanks(text, skipEmphasis(text, close + 1, end), end);
        }
        return j < end && text.charAt(j) == ':';
    }

    /**
     * Whether a heading's text names a ticket message rather than a section: a role word
     * ({@code customer}), or a short name whose first word is a role or that is followed by a date or time
     * in parentheses ({@code Jane Doe (2024-01-02 10:00)}).
     */
    static boolean isMessageHeader(String heading) {
        String h = heading.strip();
        if (h.endsWith(":")) {
            h = h.substring(0, h.length() - 1).strip();
        }
        if (ROLES.contains(h.toLowerCase(Locale.ROOT))) {
            return true;
        }
        int open = h.lastIndexOf('(');
        if (!h.endsWith(")") || open <= 0 || h.length() - open > MAX_PARENTHETICAL_CHARS) {
            return false;
        }
        String name = h.substring(0, open).strip();
        if (name.isEmpty() || name.length() > MAX_HEADER_NAME_CHARS || !isShortName(name)) {
            return false;
        }
        String firstWord = name.split(" ", 2)[0].toLowerCase(Locale.ROOT);
        return ROLES.contains(firstWord) || hasDateOrTime(h, open + 1, h.length() - 1);
    }

    private static boolean isShortName(String name) {
        int words = 1;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ' ') {
                words++;
            } else if (!Character.isLetterOrDigit(c) && ".-_@'".indexOf(c) < 0) {
                return false;
            }
        }
        return words <= MAX_HEADER_NAME_WORDS;
    }

    /** Whether {@code s[from, to)} contains {@code dddd-dd-dd} or {@code d:dd}. */
    private static boolean hasDateOrTime(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (i + 10 <= to && digits(s, i, 4) && s.charAt(i + 4) == '-' && digits(s, i + 5, 2)
                    && s.charAt(i + 7) == '-' && digits(s, i + 8, 2)) {
                return true;
            }
            if (i + 4 <= to && digits(s, i, 1) && s.charAt(i + 1) == ':' && digits(s, i + 2, 2)) {
                return true;
            }
        }
        return false;
    }

    private static boolean digits(String s, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (!MarkdownSyntax.isAsciiDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int skipEmphasis(String text, int from, int end) {
        int i = from;
        while (i < end && i - from < 3 && (text.charAt(i) == '*' || text.charAt(i) == '_')) {
            i++;
        }
        return i;
    }

    private static int skipBlanks(String text, int from, int end) {
        int i = from;
        while (i < end && i - from < 8 && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
