package io.supportkb.ml.chunk;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * The canonical form of source text, which is what is stored, chunked (chunk offsets point into it), hashed for
 * deduplication and indexed. The server normalises every upload with it and {@code kb eval} every corpus document,
 * so both index exactly the same text: two sources that differ only in line endings, Unicode composition, control
 * characters or trailing spaces are the same text.
 *
 * <p>Stateless and thread-safe.
 */
public final class TextNormalizer {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");
    private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t\\u00A0]+\\n");
    private static final Pattern BLANK_RUN = Pattern.compile("\\n{3,}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private TextNormalizer() {
    }

    /**
     * No byte order mark, NFC, LF line endings, no control characters, no trailing spaces, at most one blank line
     * in a row, trimmed. {@code null} gives the empty string; idempotent.
     */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        s = Normalizer.normalize(s, Normalizer.Form.NFC);
        s = s.replace("\r\n", "\n").replace('\r', '\n');
        s = CONTROL.matcher(s).replaceAll("");
        s = TRAILING_SPACE.matcher(s + "\n").replaceAll("\n");
        s = BLANK_RUN.matcher(s).replaceAll("\n\n");
        return s.strip();
    }

    /** {@link #normalize(String)}, then every whitespace run as one space: for titles and other one-line fields. */
    public static String normalizeLine(String text) {
        return WHITESPACE.matcher(normalize(text)).replaceAll(" ");
    }
}
