package io.supportkb.ingestion.internal;

import java.util.Locale;
import java.util.Map;

/** The file formats SupportKB accepts, each a family of media types. */
public enum SourceFamily {
    PDF, WORD, HTML, MARKDOWN, TEXT, EMAIL;

    private static final Map<String, SourceFamily> BY_TYPE = Map.ofEntries(
            Map.entry("application/pdf", PDF),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", WORD),
            Map.entry("text/html", HTML),
            Map.entry("application/xhtml+xml", HTML),
            Map.entry("text/markdown", MARKDOWN),
            Map.entry("text/x-markdown", MARKDOWN),
            Map.entry("text/x-web-markdown", MARKDOWN),
            Map.entry("text/plain", TEXT),
            Map.entry("message/rfc822", EMAIL),
            Map.entry("application/vnd.ms-outlook", EMAIL));

    /** The family of a media type (parameters ignored), or {@code null} when SupportKB does not accept it. */
    public static SourceFamily of(String mediaType) {
        if (mediaType == null) {
            return null;
        }
        String base = mediaType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return BY_TYPE.get(base);
    }

    /** Text the server decodes itself (strict UTF-8) instead of handing it to Tika. */
    public boolean isPlainText() {
        return this == MARKDOWN || this == TEXT;
    }
}
