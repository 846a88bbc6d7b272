package io.supportkb.ingestion.internal;

import io.supportkb.ml.Sha256;
import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Canonical form of document text, and its SHA-256. The normalised text is what is stored and chunked (chunk
 * offsets point into it), and its hash is the deduplication key, so two uploads differing only in line endings,
 * Unicode composition or trailing spaces are the same document.
 */
public final class TextNormalizer {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");
    private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t\\u00A0]+\\n");
    private static final Pattern BLANK_RUN = Pattern.compile("\\n{3,}");

    private TextNormalizer() {
    }

    /** NFC, LF line endings, no control characters, no trailing spaces, at most one blank line in a row, trimmed. */
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

    /** Lower-case hex SHA-256 of the UTF-8 bytes. */
    public static String sha256(String text) {
        return Sha256.hex(text);
    }

    public static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }
}
