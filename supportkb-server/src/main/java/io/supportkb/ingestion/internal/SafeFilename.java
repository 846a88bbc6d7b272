package io.supportkb.ingestion.internal;

import java.text.Normalizer;

/**
 * Turns a client-supplied filename into a harmless label: the last path segment only, no control or shell
 * characters, no leading dots, at most 200 characters. It is stored and shown, never used as a path.
 * {@code ../../etc/passwd} becomes {@code passwd}.
 */
public final class SafeFilename {

    static final String FALLBACK = "upload";
    private static final int MAX_LENGTH = 200;

    private SafeFilename() {
    }

    public static String of(String raw) {
        if (raw == null) {
            return FALLBACK;
        }
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        name = name.replaceAll("[\\p{Cntrl}]", "").replaceAll("[^\\p{L}\\p{N} ._()+-]", "_");
        name = name.replaceAll("^[ .]+", "").strip();
        if (name.length() > MAX_LENGTH) {
            int dot = name.lastIndexOf('.');
            String ext = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
            name = name.substring(0, MAX_LENGTH - ext.length()) + ext;
        }
        return name.isEmpty() ? FALLBACK : name;
    }

    /** The name without its extension, as a default title. */
    public static String stem(String safeName) {
        int dot = safeName.lastIndexOf('.');
        return dot > 0 ? safeName.substring(0, dot) : safeName;
    }
}
