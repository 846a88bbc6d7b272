package io.supportkb.ml.chunk;

/**
 * Recognisers for the Markdown line syntax the chunker uses: ATX and setext headings, code fences and
 * list item markers. A subset of CommonMark, decided on one line at a time.
 *
 * <p>Every method looks at {@code text[start, end)} (one line without its terminator) and, unlike
 * regular expressions, runs in time bounded by the line length with no backtracking, so hostile input
 * (a megabyte of {@code #} or backticks) stays linear.
 */
final class MarkdownSyntax {

    /** An ATX heading: level 1..6 and its text without the markers. */
    record Heading(int level, String text) {}

    /** An open code fence: marker char ({@code `} or {@code ~}) and run length (at least 3). */
    record Fence(char marker, int length) {}

    private MarkdownSyntax() {}

    /** The ATX heading on this line ({@code ## Title ##}), or null. */
    static Heading atxHeading(String text, int start, int end) {
        int i = indentEnd(text, start, end);
        if (i < 0) {
            return null;
        }
        int j = i;
        while (j < end && text.charAt(j) == '#' && j - i <= 6) {
            j++;
        }
        int level = j - i;
        if (level == 0 || level > 6 || (j < end && !isSpaceOrTab(text.charAt(j)))) {
            return null;
        }
        int from = skipSpaces(text, j, end);
        int to = trailingEnd(text, from, end);
        int closing = to;
        while (closing > from && text.charAt(closing - 1) == '#') {
            closing--;
        }
        if (closing == from) {
            to = from;
        } else if (closing < to && isSpaceOrTab(text.charAt(closing - 1))) {
            to = trailingEnd(text, from, closing);
        }
        return new Heading(level, text.substring(from, to));
    }

    /** 1 for a {@code ===} underline, 2 for a {@code ---} underline (two or more dashes), else 0. */
    static int setextLevel(String text, int start, int end) {
        int i = indentEnd(text, start, end);
        if (i < 0 || i >= end) {
            return 0;
        }
        char marker = text.charAt(i);
        if (marker != '=' && marker != '-') {
            return 0;
        }
        int j = i;
        while (j < end && text.charAt(j) == marker) {
            j++;
        }
        int run = j - i;
        if (skipSpaces(text, j, end) != end) {
            return 0;
        }
        return marker == '=' ? 1 : run >= 2 ? 2 : 0;
    }

    /** The fence this line opens ({@code ```java}, {@code ~~~}), or null. */
    static Fence openingFence(String text, int start, int end) {
        int i = indentEnd(text, start, end);
        if (i < 0 || i >= end) {
            return null;
        }
        char marker = text.charAt(i);
        if (marker != '`' && marker != '~') {
            return null;
        }
        int j = i;
        while (j < end && text.charAt(j) == marker) {
            j++;
        }
        if (j - i < 3 || (marker == '`' && text.indexOf('`', j, end) >= 0)) {
            return null;
        }
        return new Fence(marker, j - i);
    }

    /** Whether this line closes {@code fence}: the same marker, at least as long, nothing after it. */
    static boolean closesFence(String text, int start, int end, Fence fence) {
        int i = indentEnd(text, start, end);
        if (i < 0) {
            return false;
        }
        int j = i;
        while (j < end && text.charAt(j) == fence.marker()) {
            j++;
        }
        return j - i >= fence.length() && skipSpaces(text, j, end) == end;
    }

    /**
     * Whether the line whose first non-whitespace char is at {@code first} starts a list item: a bullet
     * ({@code -}, {@code *}, {@code +}) or an ordinal ({@code 1.}, {@code 2)}) followed by whitespace.
     */
    static boolean isListItem(String text, int first, int end) {
        char c = text.charAt(first);
        if (c == '-' || c == '*' || c == '+') {
            return first + 1 == end || Character.isWhitespace(text.charAt(first + 1));
        }
        int j = first;
        while (j < end && j - first < 9 && isAsciiDigit(text.charAt(j))) {
            j++;
        }
        if (j == first || j >= end || (text.charAt(j) != '.' && text.charAt(j) != ')')) {
            return false;
        }
        return j + 1 == end || Character.isWhitespace(text.charAt(j + 1));
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Offset after at most three leading spaces, or -1 when the line is indented further (code). */
    private static int indentEnd(String text, int start, int end) {
        int i = start;
        while (i < end && text.charAt(i) == ' ' && i - start < 4) {
            i++;
        }
        return i - start > 3 || (i < end && text.charAt(i) == '\t') ? -1 : i;
    }

    private static int skipSpaces(String text, int from, int end) {
        int i = from;
        while (i < end && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int trailingEnd(String text, int from, int to) {
        int i = to;
        while (i > from && Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static boolean isSpaceOrTab(char c) {
        return c == ' ' || c == '\t';
    }
}
