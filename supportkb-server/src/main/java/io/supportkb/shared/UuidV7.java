package io.supportkb.shared;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered identifiers (RFC 9562 UUID version 7): 48 bits of Unix milliseconds, then random bits.
 * Ordered ids keep B-tree inserts at the right edge of the primary key, which matters for MySQL's clustered index.
 * Thread-safe.
 */
public final class UuidV7 {

    private static final SecureRandom RANDOM = new SecureRandom();

    private UuidV7() {
    }

    /** A new id as the canonical 36-character string. */
    public static String next() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt() & 0xFFFL;
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** True when {@code value} is a canonical UUID string (any version); protects SQL lookups from junk ids. */
    public static boolean isWellFormed(String value) {
        return value != null && value.length() == 36
                && value.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    }
}
