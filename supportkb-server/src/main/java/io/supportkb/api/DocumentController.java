package io.supportkb.api;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.supportkb.ingestion.BatchReport;
import io.supportkb.ingestion.DocumentCatalog;
import io.supportkb.ingestion.DocumentFilter;
import io.supportkb.ingestion.DocumentIntake;
import io.supportkb.ingestion.DocumentPage;
import io.supportkb.ingestion.DocumentStatus;
import io.supportkb.ingestion.DocumentView;
import io.supportkb.ingestion.FileUpload;
import io.supportkb.ingestion.IntakeResult;
import io.supportkb.ingestion.NewDocument;
import io.supportkb.shared.ConditionalOnRole;
import io.supportkb.shared.Role;

/**
 * Documents of a collection. Submitting answers 202 with the document id and a status URL (200 when the content
 * is already in the collection: the body then names the existing document and no work was queued).
 */
@RestController
@RequestMapping("/api/v1/collections/{collection}/documents")
@ConditionalOnRole(Role.API)
public class DocumentController {

    /** JSON Lines media types accepted for batches. */
    public static final String NDJSON = "application/x-ndjson";
    public static final String JSONL = "application/jsonl";
    public static final String JSON_LINES = "application/x-jsonlines";

    /** Answer to one submitted document. */
    public record Submitted(String outcome, String documentId, String collection, String externalId, int version,
                            DocumentStatus status, String statusUrl) {

        static Submitted of(IntakeResult r) {
            return new Submitted(r.outcome().name(), r.documentId(), r.collectionId(), r.externalId(), r.version(),
                    r.status(), DocumentController.statusUrl(r.collectionId(), r.documentId()));
        }
    }

    /** One line of a JSON Lines report; {@code error} is a problem detail for a rejected line. */
    public record Line(int line, String outcome, String documentId, String externalId, String statusUrl,
                       Map<String, Object> error) {
    }

    /** Answer to a JSON Lines batch. */
    public record BatchSubmitted(String collection, int lines, int accepted, int duplicates, int rejected,
                                 boolean truncated, String statusUrl, List<Line> results) {
    }

    private final DocumentIntake intake;
    private final DocumentCatalog catalog;

    public DocumentController(DocumentIntake intake, DocumentCatalog catalog) {
        this.intake = intake;
        this.catalog = catalog;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<Submitted> upload(@PathVariable String collection, @RequestPart("file") MultipartFile file,
                                            @RequestParam(required = false) String externalId,
                                            @RequestParam(required = false) String title,
                                            @RequestParam(required = false) String kind,
                                            @RequestParam(required = false) List<String> tags,
                                            @RequestParam(required = false) String sourceUri,
                                            @RequestParam(required = false) String language) throws IOException {
        return answer(intake.submitFile(collection, new FileUpload(file.getBytes(), file.getOriginalFilename(),
                file.getContentType(), externalId, title, kind, tags, sourceUri, language)));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Submitted> submit(@PathVariable String collection, @RequestBody NewDocument document) {
        return answer(intake.submitText(collection, document));
    }

    @PostMapping(consumes = {NDJSON, JSONL, JSON_LINES})
    public ResponseEntity<BatchSubmitted> submitLines(@PathVariable String collection, HttpServletRequest request)
            throws IOException {
        BatchReport report = intake.submitLines(collection, request.getInputStream());
        List<Line> lines = report.results().stream().map(r -> line(collection, r)).toList();
        return ResponseEntity.accepted().body(new BatchSubmitted(collection, report.lines(), report.accepted(),
                report.duplicates(), report.rejected(), report.truncated(),
                "/api/v1/collections/" + collection + "/ingestion", lines));
    }

    /** Replaces the document with this external id: the old version stays searchable until the new one is indexed. */
    @PutMapping(path = "/external/{externalId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Submitted> replace(@PathVariable String collection, @PathVariable String externalId,
                                             @RequestBody NewDocument document) {
        return answer(intake.replace(collection, externalId, document));
    }

    @GetMapping("/{documentId}")
    public DocumentView get(@PathVariable String collection, @PathVariable String documentId) {
        return catalog.get(collection, documentId);
    }

    @GetMapping
    public DocumentPage list(@PathVariable String collection,
                             @RequestParam(required = false) DocumentStatus status,
                             @RequestParam(required = false) String kind,
                             @RequestParam(required = false) String tag,
                             @RequestParam(required = false) String externalId,
                             @RequestParam(defaultValue = "0") int page,
                             @RequestParam(defaultValue = "50") int size) {
        return catalog.list(collection, new DocumentFilter(status, kind, tag, externalId), page, size);
    }

    @DeleteMapping("/{documentId}")
    public ResponseEntity<Void> delete(@PathVariable String collection, @PathVariable String documentId) {
        catalog.delete(collection, documentId);
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<Submitted> answer(IntakeResult result) {
        Submitted body = Submitted.of(result);
        HttpStatus status = result.outcome() == IntakeResult.Outcome.ACCEPTED ? HttpStatus.ACCEPTED : HttpStatus.OK;
        return ResponseEntity.status(status).location(URI.create(body.statusUrl())).body(body);
    }

    private static Line line(String collection, BatchReport.LineResult r) {
        if (r.reason() == null) {
            return new Line(r.line(), r.outcome(), r.documentId(), r.externalId(),
                    r.documentId() == null ? null : statusUrl(collection, r.documentId()), null);
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", ProblemTypes.of(r.reason()).toString());
        error.put("title", ProblemTypes.title(r.reason()));
        error.put("status", ProblemTypes.status(r.reason()).value());
        error.put("detail", r.detail());
        error.putAll(r.properties());
        error.put("line", r.line());
        return new Line(r.line(), r.outcome(), null, r.externalId(), null, error);
    }

    private static String statusUrl(String collection, String documentId) {
        return "/api/v1/collections/" + collection + "/documents/" + documentId;
    }
}
