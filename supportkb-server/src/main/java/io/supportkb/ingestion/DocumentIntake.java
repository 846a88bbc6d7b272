package io.supportkb.ingestion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.supportkb.ingestion.internal.BoundedLineReader;
import io.supportkb.ingestion.internal.Candidate;
import io.supportkb.ingestion.internal.CandidateValidator;
import io.supportkb.ingestion.internal.CollectionRows;
import io.supportkb.ingestion.internal.ContentSniffer;
import io.supportkb.ingestion.internal.DocumentStore;
import io.supportkb.ingestion.internal.JobsQueued;
import io.supportkb.ingestion.internal.SafeFilename;
import io.supportkb.ingestion.internal.SourceFamily;
import io.supportkb.ingestion.internal.StrictText;
import io.supportkb.shared.JsonFieldPath;
import io.supportkb.shared.TextFormat;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts documents: validates at the edge, stores document + job in one transaction, and wakes a worker after
 * the commit. Parsing of binary files happens later in the worker, bounded by Tika limits; text (JSON, JSON
 * Lines, Markdown and plain-text files) is decoded and deduplicated here. Observed as
 * {@code supportkb.ingest.store} (low-cardinality key {@code source}: file | json | jsonl).
 */
@Service
public class DocumentIntake {

    private static final int GROUP = 100;

    private final CollectionRows collections;
    private final CandidateValidator validator;
    private final ContentSniffer sniffer;
    private final DocumentStore store;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final ObservationRegistry observations;
    private final IngestionProperties.Limits limits;

    public DocumentIntake(CollectionRows collections, CandidateValidator validator, ContentSniffer sniffer,
                          DocumentStore store, TransactionTemplate tx, ApplicationEventPublisher events,
                          JsonMapper json, ObservationRegistry observations, IngestionProperties properties) {
        this.collections = collections;
        this.validator = validator;
        this.sniffer = sniffer;
        this.store = store;
        this.tx = tx;
        this.events = events;
        this.json = json;
        this.observations = observations;
        this.limits = properties.limits();
    }

    /** One document given as text. */
    public IntakeResult submitText(String collectionId, NewDocument document) {
        requireCollection(collectionId);
        return storeAll(collectionId, List.of(validator.fromDocument(document)), "json").getFirst();
    }

    /** Replaces the document with this external id (or creates it); the path's external id wins. */
    public IntakeResult replace(String collectionId, String externalId, NewDocument document) {
        if (document != null && document.externalId() != null && !document.externalId().strip().equals(externalId)) {
            throw IngestionRejected.invalidField("externalId",
                    "The body's externalId differs from the one in the path.");
        }
        NewDocument withId = document == null ? null : new NewDocument(externalId, document.title(), document.text(),
                document.kind(), document.format(), document.tags(), document.metadata(), document.sourceUri(),
                document.language());
        return submitText(collectionId, withId);
    }

    /** One uploaded file; its real type is sniffed from the bytes. */
    public IntakeResult submitFile(String collectionId, FileUpload upload) {
        requireCollection(collectionId);
        byte[] bytes = upload.bytes();
        if (bytes == null || bytes.length == 0) {
            throw new IngestionRejected(IngestionRejected.Reason.EMPTY_DOCUMENT, "The uploaded file is empty.",
                    Map.of("field", "file"));
        }
        long max = limits.maxFileSize().toBytes();
        if (bytes.length > max) {
            throw IngestionRejected.tooLarge("file", max, "bytes", "The file is larger than " + max + " bytes.");
        }
        String filename = SafeFilename.of(upload.filename());
        ContentSniffer.Sniffed type = sniffer.sniff(bytes, filename, upload.declaredContentType());
        String externalId = upload.externalId() == null || upload.externalId().isBlank() ? filename
                : upload.externalId();
        Candidate candidate;
        if (type.family().isPlainText()) {
            String text = StrictText.decode(bytes, "file");
            candidate = validator.fromTextFile(text,
                    type.family() == SourceFamily.MARKDOWN ? TextFormat.MARKDOWN : TextFormat.PLAIN,
                    type.mediaType(), filename, bytes.length, externalId,
                    upload.title() != null ? upload.title() : SafeFilename.stem(filename), upload.kind(),
                    upload.tags(), upload.sourceUri(), upload.language());
        } else {
            candidate = validator.fromBinaryFile(bytes, type.mediaType(), filename, externalId, upload.title(),
                    upload.kind(), upload.tags(), upload.sourceUri(), upload.language());
        }
        return storeAll(collectionId, List.of(candidate), "file").getFirst();
    }

    /**
     * A JSON Lines stream of documents and tickets (a line with {@code messages}, or {@code "type":"ticket"}, is
     * a ticket). Read line by line, stored in groups; a bad line is reported and the others are accepted.
     */
    public BatchReport submitLines(String collectionId, InputStream body) {
        requireCollection(collectionId);
        BoundedLineReader reader = new BoundedLineReader(body, (int) limits.maxLineSize().toBytes());
        List<BatchReport.LineResult> results = new ArrayList<>();
        List<Candidate> group = new ArrayList<>();
        List<Integer> groupLines = new ArrayList<>();
        boolean truncated = false;
        int read = 0;
        try {
            BoundedLineReader.Line line;
            while ((line = reader.next()) != null) {
                if (read >= limits.maxBatchLines()) {
                    truncated = true;
                    break;
                }
                read++;
                try {
                    Candidate candidate = parseLine(line);
                    if (candidate == null) {
                        continue;
                    }
                    group.add(candidate);
                    groupLines.add(line.number());
                } catch (IngestionRejected rejected) {
                    results.add(BatchReport.LineResult.rejected(line.number(), null, rejected));
                }
                if (group.size() == GROUP) {
                    flush(collectionId, group, groupLines, results);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body failed", e);
        }
        flush(collectionId, group, groupLines, results);
        results.sort((a, b) -> Integer.compare(a.line(), b.line()));
        int accepted = 0;
        int duplicates = 0;
        int rejected = 0;
        for (BatchReport.LineResult r : results) {
            switch (r.outcome()) {
                case "ACCEPTED" -> accepted++;
                case "DUPLICATE" -> duplicates++;
                default -> rejected++;
            }
        }
        return new BatchReport(results.size(), accepted, duplicates, rejected, truncated, results);
    }

    private Candidate parseLine(BoundedLineReader.Line line) {
        if (line.tooLong()) {
            long max = limits.maxLineSize().toBytes();
            throw IngestionRejected.tooLarge("line", max, "bytes", "Line " + line.number() + " is longer than "
                    + max + " bytes and was skipped.");
        }
        String text = StrictText.decode(line.bytes(), "line");
        if (text.isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            throw new IngestionRejected(IngestionRejected.Reason.MALFORMED_JSON,
                    "Line " + line.number() + " is not valid JSON: " + e.getOriginalMessage(),
                    Map.of("line", line.number()));
        }
        if (node == null || !node.isObject()) {
            throw new IngestionRejected(IngestionRejected.Reason.MALFORMED_JSON,
                    "Line " + line.number() + " is not a JSON object.", Map.of("line", line.number()));
        }
        JsonNode type = node.get("type");
        boolean ticket = node.has("messages") || (type != null && type.isString()
                && "ticket".equalsIgnoreCase(type.asString()));
        try {
            return ticket ? validator.fromTicket(json.treeToValue(node, NewTicket.class))
                    : validator.fromDocument(json.treeToValue(node, NewDocument.class));
        } catch (StreamReadException e) {
            throw new IngestionRejected(IngestionRejected.Reason.MALFORMED_JSON,
                    "Line " + line.number() + " is not valid JSON: " + e.getOriginalMessage(),
                    Map.of("line", line.number()));
        } catch (JacksonException e) {
            String field = JsonFieldPath.of(e);
            throw IngestionRejected.invalidField(field, "Field '" + field + "' has the wrong type or value: "
                    + e.getOriginalMessage());
        }
    }

    private void flush(String collectionId, List<Candidate> group, List<Integer> lines,
                       List<BatchReport.LineResult> results) {
        if (group.isEmpty()) {
            return;
        }
        List<IntakeResult> stored;
        try {
            stored = storeAll(collectionId, group, "jsonl");
        } catch (IngestionRejected e) {
            stored = null;
        }
        for (int i = 0; i < group.size(); i++) {
            if (stored != null) {
                results.add(BatchReport.LineResult.of(lines.get(i), stored.get(i)));
                continue;
            }
            try {
                results.add(BatchReport.LineResult.of(lines.get(i),
                        storeAll(collectionId, List.of(group.get(i)), "jsonl").getFirst()));
            } catch (IngestionRejected e) {
                results.add(BatchReport.LineResult.rejected(lines.get(i), group.get(i).externalId(), e));
            }
        }
        group.clear();
        lines.clear();
    }

    /**
     * Stores candidates in one transaction. A unique-key collision means a concurrent equal upload or version
     * won the race: one retry then finds it (duplicate) or takes the next version.
     */
    private List<IntakeResult> storeAll(String collectionId, List<Candidate> candidates, String source) {
        return Observation.createNotStarted("supportkb.ingest.store", observations)
                .lowCardinalityKeyValue("source", source)
                .observe(() -> {
                    for (int attempt = 1; ; attempt++) {
                        try {
                            return tx.execute(status -> {
                                List<String> queued = new ArrayList<>();
                                List<IntakeResult> results = new ArrayList<>(candidates.size());
                                for (Candidate c : candidates) {
                                    results.add(store.store(collectionId, c, queued));
                                }
                                if (!queued.isEmpty()) {
                                    events.publishEvent(new JobsQueued(List.copyOf(queued)));
                                }
                                return results;
                            });
                        } catch (DataIntegrityViolationException e) {
                            if (attempt >= 2) {
                                throw new IngestionRejected(IngestionRejected.Reason.CONCURRENT_UPDATE,
                                        "A concurrent upload changed the same document; retry the request.");
                            }
                        }
                    }
                });
    }

    private void requireCollection(String collectionId) {
        if (collectionId == null || !collections.exists(collectionId)) {
            throw IngestionRejected.unknownCollection(collectionId);
        }
    }
}
