package io.supportkb.search.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The normal form of a query, which is both what is searched and what the caches are keyed by: Unicode NFKC (so
 * full-width letters, ligatures and compatibility characters equal their plain forms), control and format
 * characters (zero-width spaces, BOMs) treated as whitespace, runs of whitespace collapsed to one space, trimmed,
 * lower-cased (the built-in models and the BM25 analyzer are case-insensitive anyway). Thread-safe.
 */
public final class QueryText {

    private static final Pattern SPACE = Pattern.compile("[\\p{javaWhitespace}\\p{Z}\\p{Cc}\\p{Cf}]+");

    private QueryText() {
    }

    /** The normal form; empty when the query has no visible characters. */
    public static String normalise(String query) {
        String nfkc = Normalizer.normalize(query, Normalizer.Form.NFKC);
        return SPACE.matcher(nfkc).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    }
}
