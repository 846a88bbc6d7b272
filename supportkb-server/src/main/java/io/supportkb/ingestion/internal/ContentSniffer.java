package io.supportkb.ingestion.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.springframework.stereotype.Component;

import io.supportkb.ingestion.IngestionRejected;
import io.supportkb.ingestion.IngestionRejected.Reason;

/**
 * Decides what an upload really is from its bytes (Tika's magic and container detectors), using the filename
 * only to tell Markdown from plain text, which have no magic. The client's declared content type is checked
 * against that verdict, never trusted: a PDF header on an HTML body is refused.
 * Thread-safe (Tika detectors are stateless).
 */
@Component
public class ContentSniffer {

    /** The verdict: the detected media type and its family. */
    public record Sniffed(String mediaType, SourceFamily family) {
    }

    private static final Set<String> GENERIC = Set.of("application/octet-stream", "binary/octet-stream",
            "application/unknown", "application/x-www-form-urlencoded");

    private final Detector detector;
    private final MimeTypes mimeTypes;

    public ContentSniffer() {
        TikaConfig config = TikaConfig.getDefaultConfig();
        this.detector = config.getDetector();
        this.mimeTypes = config.getMimeRepository();
    }

    public Sniffed sniff(byte[] bytes, String filename, String declaredContentType) {
        MediaType byContent = detect(bytes);
        SourceFamily family = SourceFamily.of(byContent.getBaseType().toString());
        if (family == SourceFamily.TEXT) {
            SourceFamily byName = SourceFamily.of(byName(filename).getBaseType().toString());
            if (byName == SourceFamily.MARKDOWN || byName == SourceFamily.HTML) {
                family = byName;
                byContent = byName(filename);
            }
        }
        if (family == null) {
            throw new IngestionRejected(Reason.UNSUPPORTED_MEDIA_TYPE,
                    "The content is " + byContent.getBaseType() + ", which SupportKB does not ingest. Supported: "
                            + "PDF, DOCX, HTML, Markdown, plain text (UTF-8) and e-mail (.eml, .msg).",
                    Map.of("detectedType", byContent.getBaseType().toString()));
        }
        checkDeclared(declaredContentType, byContent, family);
        return new Sniffed(byContent.getBaseType().toString(), family);
    }

    private static void checkDeclared(String declared, MediaType detected, SourceFamily family) {
        if (declared == null || declared.isBlank()) {
            return;
        }
        String base = declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (GENERIC.contains(base)) {
            return;
        }
        SourceFamily claimed = SourceFamily.of(base);
        boolean compatible = claimed == family
                || (claimed == SourceFamily.TEXT && (family.isPlainText() || family == SourceFamily.HTML))
                || (claimed == SourceFamily.MARKDOWN && family == SourceFamily.TEXT);
        if (!compatible) {
            throw new IngestionRejected(Reason.CONTENT_TYPE_MISMATCH,
                    "The upload declares " + base + " but its content is " + detected.getBaseType() + ".",
                    Map.of("declaredType", base, "detectedType", detected.getBaseType().toString()));
        }
    }

    private MediaType detect(byte[] bytes) {
        try (TikaInputStream stream = TikaInputStream.get(bytes)) {
            return detector.detect(stream, new Metadata());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MediaType byName(String filename) {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename == null ? "" : filename);
        try {
            return mimeTypes.detect(null, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
