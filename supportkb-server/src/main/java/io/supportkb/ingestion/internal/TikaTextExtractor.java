package io.supportkb.ingestion.internal;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.AutoDetectParserConfig;
import org.apache.tika.parser.ParseContext;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.xml.sax.SAXException;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.supportkb.ingestion.DocumentUnreadable;
import io.supportkb.ingestion.IngestionProperties;
import io.supportkb.ml.chunk.TextNormalizer;
import io.supportkb.shared.TextFormat;

/**
 * Extracts normalised text from an uploaded file. Markdown and plain text are decoded strictly by the server;
 * everything else goes through Tika's {@link AutoDetectParser} into a {@link MarkdownContentHandler}, bounded in
 * time (a watchdog thread per parse), output size, XML nesting depth, compression ratio and package depth.
 * Embedded documents (attachments, OLE objects) are not parsed: they are where bombs hide.
 * Thread-safe. Observed as {@code supportkb.ingest.parse} (low-cardinality key {@code family}).
 */
@Component
public class TikaTextExtractor implements DisposableBean {

    /** Text ready to store and chunk, with the title the file declares (may be null). */
    public record Extraction(String text, TextFormat format, String title) {
    }

    private final IngestionProperties.Parsing limits;
    private final AutoDetectParser parser;
    private final ExecutorService parseThreads;
    private final ObservationRegistry observations;

    public TikaTextExtractor(IngestionProperties properties, ObservationRegistry observations) {
        this.limits = properties.parsing();
        this.observations = observations;
        this.parser = new AutoDetectParser(TikaConfig.getDefaultConfig());
        this.parser.setAutoDetectParserConfig(new AutoDetectParserConfig(null, limits.outputThreshold(),
                limits.maxCompressionRatio(), limits.maxDepth(), limits.maxPackageEntryDepth()));
        this.parseThreads = Executors.newCachedThreadPool(Thread.ofPlatform().name("tika-parse-", 0).daemon()
                .factory());
    }

    public Extraction extract(byte[] bytes, String filename, String mediaType) {
        SourceFamily family = SourceFamily.of(mediaType);
        return Observation.createNotStarted("supportkb.ingest.parse", observations)
                .lowCardinalityKeyValue("family", family == null ? "unknown" : family.name().toLowerCase())
                .observe(() -> family != null && family.isPlainText()
                        ? decodeText(bytes, family, filename)
                        : parse(bytes, filename, mediaType));
    }

    private Extraction decodeText(byte[] bytes, SourceFamily family, String filename) {
        String text = TextNormalizer.normalize(StrictText.decode(bytes, "file"));
        if (text.length() > limits.maxExtractedChars()) {
            throw new DocumentUnreadable("The text is longer than " + limits.maxExtractedChars() + " characters.",
                    null);
        }
        return new Extraction(text, family == SourceFamily.MARKDOWN ? TextFormat.MARKDOWN : TextFormat.PLAIN, null);
    }

    private Extraction parse(byte[] bytes, String filename, String mediaType) {
        MarkdownContentHandler handler = new MarkdownContentHandler(limits.maxExtractedChars(), limits.maxDepth());
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
        metadata.set(Metadata.CONTENT_TYPE, mediaType);
        Future<?> parse = parseThreads.submit(() -> {
            try (TikaInputStream in = TikaInputStream.get(bytes)) {
                parser.parse(in, handler, metadata, new ParseContext());
            }
            return null;
        });
        try {
            parse.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            parse.cancel(true);
            throw new DocumentUnreadable("Parsing took longer than " + limits.timeout().toSeconds()
                    + " s and was stopped.", e);
        } catch (InterruptedException e) {
            parse.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing", e);
        } catch (ExecutionException e) {
            throw unreadable(e.getCause(), mediaType);
        }
        String text = TextNormalizer.normalize(handler.text());
        if (text.isEmpty()) {
            throw new DocumentUnreadable("The " + mediaType + " file contains no extractable text.", null);
        }
        // the same canonical form as a title given at upload (CandidateValidator)
        String title = TextNormalizer.normalizeLine(metadata.get(TikaCoreProperties.TITLE));
        return new Extraction(text, TextFormat.MARKDOWN, title.isEmpty() ? null : title);
    }

    private static DocumentUnreadable unreadable(Throwable cause, String mediaType) {
        Throwable limit = cause;
        while (limit != null && !(limit instanceof MarkdownContentHandler.LimitExceeded)) {
            limit = limit.getCause();
        }
        String message;
        if (limit != null) {
            message = "Parsing stopped: " + limit.getMessage() + ".";
        } else if (cause instanceof EncryptedDocumentException) {
            message = "The " + mediaType + " file is encrypted.";
        } else if (bombMessage(cause) != null) {
            message = "Parsing stopped: " + bombMessage(cause) + " (limits: compression ratio "
                    + "and nesting depth).";
        } else if (cause instanceof TikaException || cause instanceof SAXException || cause instanceof IOException) {
            message = "The " + mediaType + " file could not be parsed: " + rootMessage(cause);
        } else if (cause instanceof StackOverflowError) {
            message = "The " + mediaType + " file is nested too deeply to parse.";
        } else {
            message = "The " + mediaType + " file could not be parsed: " + cause;
        }
        return new DocumentUnreadable(message, cause);
    }

    private static String bombMessage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null && c.getMessage().toLowerCase().contains("zip bomb")) {
                return c.getMessage();
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 500 ? message.substring(0, 500) + "..." : message;
    }

    @Override
    public void destroy() {
        parseThreads.shutdownNow();
    }
}
