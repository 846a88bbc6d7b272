package io.supportkb.ml;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Lower-case hex SHA-256: content hashes (dedup, chunk reuse, vector caches), prompt hashes and cache keys. */
public final class Sha256 {

    private Sha256() {
    }

    /** Of the UTF-8 bytes of {@code text}. */
    public static String hex(CharSequence text) {
        return hex(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static String hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
