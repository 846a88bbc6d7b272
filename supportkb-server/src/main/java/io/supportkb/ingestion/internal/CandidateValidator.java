package io.supportkb.ingestion.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import io.supportkb.ingestion.IngestionProperties;
import io.supportkb.ingestion.IngestionRejected;
import io.supportkb.ingestion.NewDocument;
import io.supportkb.ingestion.NewTicket;
import io.supportkb.ml.Sha256;
import io.supportkb.ml.chunk.TextNormalizer;
import io.supportkb.shared.DocumentKind;
import io.supportkb.shared.TextFormat;

/**
 * Checks and normalises the fields of a submitted document; every refusal names the field (and the limit).
 */
@Component
public class CandidateValidator {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");
    private static final Pattern BAD_TAG = Pattern.compile("[\\p{Cntrl}\"\\\\]");

    private final IngestionProperties.Limits limits;
    private final JsonColumns json;

    public CandidateValidator(IngestionProperties properties, JsonColumns json) {
        this.limits = properties.limits();
        this.json = json;
    }

    public Candidate fromDocument(NewDocument doc) {
        if (doc == null) {
            throw new IngestionRejected(IngestionRejected.Reason.EMPTY_DOCUMENT, "The request has no document.");
        }
        String text = text(doc.text(), "text");
        String kind = kind(doc.kind(), DocumentKind.ARTICLE);
        TextFormat format = format(doc.format());
        return new Candidate(externalId(doc.externalId()), title(doc.title()), kind, format.name(),
                tags(doc.tags()), metadata(doc.metadata()), sourceUri(doc.sourceUri()), language(doc.language()),
                text, Sha256.hex(text), null, null, "text/markdown", null,
                text.getBytes(StandardCharsets.UTF_8).length);
    }

    public Candidate fromTicket(NewTicket ticket) {
        String externalId = externalId(ticket.externalId());
        if (externalId == null) {
            throw IngestionRejected.invalidField("externalId", "A ticket needs an externalId.");
        }
        if (ticket.messages() == null || ticket.messages().isEmpty()) {
            throw IngestionRejected.invalidField("messages", "A ticket needs at least one message.");
        }
        for (int i = 0; i < ticket.messages().size(); i++) {
            NewTicket.Message m = ticket.messages().get(i);
            if (m == null || m.body() == null || m.body().isBlank()) {
                throw IngestionRejected.invalidField("messages[" + i + "].body", "Every message needs a body.");
            }
            if (m.role() != null && m.role().length() > 64) {
                throw IngestionRejected.tooLarge("messages[" + i + "].role", 64, "chars", "A role is at most 64 characters.");
            }
            if (m.at() != null && m.at().length() > 64) {
                throw IngestionRejected.tooLarge("messages[" + i + "].at", 64, "chars", "A time is at most 64 characters.");
            }
        }
        String text = text(TicketRenderer.render(ticket), "messages");
        return new Candidate(externalId, title(ticket.subject()), DocumentKind.TICKET.wireName(),
                TextFormat.TICKET.name(), tags(ticket.tags()), metadata(ticket.metadata()),
                sourceUri(ticket.sourceUri()), language(ticket.language()), text, Sha256.hex(text),
                null, null, "application/x-ndjson", null, text.getBytes(StandardCharsets.UTF_8).length);
    }

    /** A text file decoded by the server (Markdown, plain text). */
    public Candidate fromTextFile(String decoded, TextFormat format, String contentType, String filename,
                                  long size, String externalId, String title, String kind, List<String> tags,
                                  String sourceUri, String language) {
        String text = text(decoded, "file");
        return new Candidate(externalId(externalId), title(title), kind(kind, DocumentKind.ARTICLE), format.name(),
                tags(tags), null, sourceUri(sourceUri), language(language), text, Sha256.hex(text),
                null, null, contentType, filename, size);
    }

    /** A binary file parsed later by a worker. */
    public Candidate fromBinaryFile(byte[] bytes, String contentType, String filename, String externalId,
                                    String title, String kind, List<String> tags, String sourceUri, String language) {
        return new Candidate(externalId(externalId), title(title), kind(kind, DocumentKind.ARTICLE),
                TextFormat.MARKDOWN.name(), tags(tags), null, sourceUri(sourceUri), language(language), null, null,
                bytes, Sha256.hex(bytes), contentType, filename, bytes.length);
    }

    private String text(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            throw new IngestionRejected(IngestionRejected.Reason.EMPTY_DOCUMENT,
                    "The " + field + " is empty.", Map.of("field", field));
        }
        if (raw.length() > limits.maxTextChars()) {
            throw IngestionRejected.tooLarge(field, limits.maxTextChars(), "chars",
                    "The " + field + " is longer than " + limits.maxTextChars() + " characters.");
        }
        String text = TextNormalizer.normalize(raw);
        if (text.isEmpty()) {
            throw new IngestionRejected(IngestionRejected.Reason.EMPTY_DOCUMENT,
                    "The " + field + " has no visible characters.", Map.of("field", field));
        }
        return text;
    }

    private static String externalId(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String id = raw.strip();
        if (id.length() > 512) {
            throw IngestionRejected.tooLarge("externalId", 512, "chars", "An externalId is at most 512 characters.");
        }
        if (CONTROL.matcher(id).find()) {
            throw IngestionRejected.invalidField("externalId", "An externalId cannot contain control characters.");
        }
        return id;
    }

    private static String title(String raw) {
        String title = TextNormalizer.normalizeLine(raw);
        if (title.isEmpty()) {
            return null;
        }
        if (title.length() > 1000) {
            throw IngestionRejected.tooLarge("title", 1000, "chars", "A title is at most 1000 characters.");
        }
        return title;
    }

    private static String kind(String raw, DocumentKind fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback.wireName();
        }
        DocumentKind kind = DocumentKind.fromWire(raw);
        if (kind == null) {
            throw IngestionRejected.invalidField("kind",
                    "Unknown kind '" + raw + "'; use one of article, faq, ticket, runbook, other.");
        }
        return kind.wireName();
    }

    private static TextFormat format(String raw) {
        if (raw == null || raw.isBlank()) {
            return TextFormat.MARKDOWN;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "markdown", "md" -> TextFormat.MARKDOWN;
            case "plain", "text" -> TextFormat.PLAIN;
            default -> throw IngestionRejected.invalidField("format",
                    "Unknown format '" + raw + "'; use markdown or plain.");
        };
    }

    private String tags(List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (raw.size() > limits.maxTags()) {
            throw IngestionRejected.tooLarge("tags", limits.maxTags(), "items",
                    "At most " + limits.maxTags() + " tags per document.");
        }
        Set<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String tag = raw.get(i) == null ? "" : raw.get(i).strip();
            if (tag.isEmpty() || tag.length() > 100 || BAD_TAG.matcher(tag).find()) {
                throw IngestionRejected.invalidField("tags[" + i + "]",
                        "A tag is 1 to 100 characters without quotes, backslashes or control characters.");
            }
            tags.add(tag);
        }
        return json.write(List.copyOf(tags));
    }

    private String metadata(Map<String, Object> raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        String value = json.write(raw);
        if (value.length() > limits.maxMetadataChars()) {
            throw IngestionRejected.tooLarge("metadata", limits.maxMetadataChars(), "chars",
                    "The metadata is longer than " + limits.maxMetadataChars() + " characters as JSON.");
        }
        return value;
    }

    private static String sourceUri(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.length() > 2000) {
            throw IngestionRejected.tooLarge("sourceUri", 2000, "chars", "A sourceUri is at most 2000 characters.");
        }
        return raw.strip();
    }

    private static String language(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.length() > 16 || !LANGUAGE.matcher(raw.strip()).matches()) {
            throw IngestionRejected.invalidField("language", "A language is a BCP 47 tag such as en or pt-BR.");
        }
        return raw.strip();
    }
}
