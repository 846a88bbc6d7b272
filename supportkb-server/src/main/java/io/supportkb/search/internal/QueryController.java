package io.supportkb.search.internal;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.supportkb.search.ExplainRequest;
import io.supportkb.search.ExplainService;
import io.supportkb.search.Explanation;
import io.supportkb.search.QueryRequest;
import io.supportkb.search.QueryResult;
import io.supportkb.search.QueryService;
import io.supportkb.search.SearchRejected;
import io.supportkb.shared.ConditionalOnRole;
import io.supportkb.shared.Role;

/** {@code POST /collections/{c}/query} and {@code POST /collections/{c}/explain}. */
@RestController
@RequestMapping(path = "/api/v1/collections/{collection}", consumes = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnRole(Role.API)
class QueryController {

    /**
     * Body of {@code POST /collections/{c}/query}. Unknown fields are rejected.
     *
     * @param query             the question, at most {@code supportkb.search.max-query-chars} characters
     * @param topK              documents to return, 1 to 100 (default 5)
     * @param mode              hybrid (default), vector or keyword
     * @param filters           kind, tags, language, updatedAfter
     * @param chunksPerDocument best chunks per document, 1 to 5 (default 1)
     */
    record QueryBody(String query, Integer topK, String mode, FiltersBody filters, Integer chunksPerDocument,
                     @Schema(hidden = true) @JsonAnySetter Map<String, Object> unknown) {
    }

    /**
     * Body of {@code POST /collections/{c}/explain}: the query as it was sent, and the document in question.
     */
    record ExplainBody(String query, String documentId, String mode, FiltersBody filters, Integer topK,
                       @Schema(hidden = true) @JsonAnySetter Map<String, Object> unknown) {
    }

    private final QueryService queries;
    private final ExplainService explainer;
    private final QueryValidator validator;

    QueryController(QueryService queries, ExplainService explainer, QueryValidator validator) {
        this.queries = queries;
        this.explainer = explainer;
        this.validator = validator;
    }

    /** The best documents for a question, with their best chunks, highlights and score breakdown. */
    @PostMapping("/query")
    ResponseEntity<QueryResult> query(@PathVariable String collection, @RequestBody QueryBody body,
                                      HttpServletRequest http) {
        QueryRequest request = validator.request(body.query(), body.topK(), body.mode(), body.filters(),
                body.chunksPerDocument(), body.unknown());
        QueryResult result = queries.query(collection, request, caller(http));
        return ResponseEntity.ok()
                .header("X-Cache", result.cache().wireName())
                .header("X-Trace-Id", result.traceId())
                .body(result);
    }

    /** Why a document did or did not come back for a query. */
    @PostMapping("/explain")
    Explanation explain(@PathVariable String collection, @RequestBody ExplainBody body) {
        QueryValidator.rejectUnknown("", body.unknown());
        if (body.documentId() == null || body.documentId().isBlank()) {
            throw SearchRejected.invalidField("documentId", "documentId is required.");
        }
        return explainer.explain(collection, new ExplainRequest(validator.query(body.query()),
                body.documentId().strip(), validator.mode(body.mode()), validator.filters(body.filters()),
                validator.topK(body.topK())));
    }

    /** Who asked, for the trace: the authenticated principal, else the client address. */
    static String caller(HttpServletRequest http) {
        if (http.getUserPrincipal() != null) {
            return "user:" + http.getUserPrincipal().getName();
        }
        String address = http.getRemoteAddr();
        return address == null || address.isBlank() ? "anonymous" : "ip:" + address;
    }
}
