package io.supportkb.shared;

import java.util.Locale;

/** What a document is to a support team; drives chunking (FAQ, TICKET) and search filters. */
public enum DocumentKind {
    ARTICLE, FAQ, TICKET, RUNBOOK, OTHER;

    /** The lower-case name used in the API and the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name case-insensitively; {@code null} when unknown. */
    public static DocumentKind fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (DocumentKind kind : values()) {
            if (kind.name().equalsIgnoreCase(value.trim())) {
                return kind;
            }
        }
        return null;
    }
}
