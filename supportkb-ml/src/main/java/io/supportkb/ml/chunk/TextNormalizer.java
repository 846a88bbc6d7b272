package io.supportkb.ml.chunk;

import java.nio.charset.Charset;
import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * The canonical form of source text, which is what is stored, chunked (chunk offsets point into it), hashed for
 * deduplication and indexed. The server normalises every upload with it and {@code kb eval} every corpus document,
 * so both index exactly the same text: two sources that differ only in line endings, Unicode composition, stray
 * control characters or trailing spaces are the same text.
 *
 * <p>C1 control characters (U+0080 to U+009F) almost always come from Windows-1252 text decoded as Latin-1
 * ({@code don\u0092t}, {@code 1\u00964}); they are read back as the Windows-1252 characters they were
 * ({@code don’t}, {@code 1–4}) instead of being dropped, which would glue words and numbers together. The five
 * bytes Windows-1252 leaves undefined are dropped, as are the other control characters except tab and line feed;
 * form feed and vertical tab (page breaks in extracted text) become line feeds.
 *
 * <p>Stateless and thread-safe.
 */
public final class TextNormalizer {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t\\u0080-\\u009F]]");
    private static final Pattern C1 = Pattern.compile("[\\u0080-\\u009F]");
    private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t\\u00A0]+\\n");
    private static final Pattern BLANK_RUN = Pattern.compile("\\n{3,}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String[] WINDOWS_1252 = new String[32];

    static {
        Charset cp1252 = Charset.forName("windows-1252");
        for (int b = 0; b < WINDOWS_1252.length; b++) {
            String decoded = new String(new byte[] {(byte) (0x80 + b)}, cp1252);
            WINDOWS_1252[b] = decoded.charAt(0) == '\uFFFD' || decoded.charAt(0) == 0x80 + b ? "" : decoded;
        }
    }

    private TextNormalizer() {
    }

    /**
     * No byte order mark, C1 controls read as Windows-1252, NFC, LF line endings, no other control characters, no
     * trailing spaces, at most one blank line in a row, trimmed. {@code null} gives the empty string; idempotent.
     */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        s = C1.matcher(s).replaceAll(c -> WINDOWS_1252[c.group().charAt(0) - 0x80]);
        s = Normalizer.normalize(s, Normalizer.Form.NFC);
        s = s.replace("\r\n", "\n").replace('\r', '\n').replace('\f', '\n').replace('\u000B', '\n');
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
