package io.supportkb.search.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.annotation.JsonAnySetter;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.supportkb.search.AnswerStream;
import io.supportkb.search.ExplainRequest;
import io.supportkb.search.QueryHit;
import io.supportkb.search.ExplainService;
import io.supportkb.search.Explanation;
import io.supportkb.search.QueryRequest;
import io.supportkb.search.QueryResult;
import io.supportkb.search.QueryService;
import io.supportkb.search.SearchRejected;
import io.supportkb.shared.ConditionalOnRole;
import io.supportkb.shared.Role;

/**
 * {@code POST /collections/{c}/query} (JSON, or Server-Sent Events with {@code Accept: text/event-stream}) and
 * {@code POST /collections/{c}/explain}.
 */
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
     * @param answer            also produce a grounded answer with citations (default false)
     */
    record QueryBody(String query, Integer topK, String mode, FiltersBody filters, Integer chunksPerDocument,
                     Boolean answer, @Schema(hidden = true) @JsonAnySetter Map<String, Object> unknown) {
    }

    /**
     * Body of {@code POST /collections/{c}/explain}: the query as it was sent, and the document in question.
     */
    record ExplainBody(String query, String documentId, String mode, FiltersBody filters, Integer topK,
                       @Schema(hidden = true) @JsonAnySetter Map<String, Object> unknown) {
    }

    private static final Logger log = LoggerFactory.getLogger(QueryController.class);

    /** A stream that has not finished after this long is closed (generation has its own, shorter timeout). */
    private static final long STREAM_TIMEOUT_MS = 10 * 60_000L;

    private final ExecutorService streams = Executors.newVirtualThreadPerTaskExecutor();
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
                body.chunksPerDocument(), body.answer(), body.unknown());
        QueryResult result = queries.query(collection, request, caller(http));
        return ResponseEntity.ok()
                .header("X-Cache", result.cache().wireName())
                .header("X-Trace-Id", result.traceId())
                .body(result);
    }

    /**
     * The same query as Server-Sent Events: {@code hits} (the hits, before any answer), {@code token} (pieces of the
     * answer as they are generated), then {@code result} (the whole response, as the JSON endpoint returns it; its
     * event id is the trace id). A failure after the stream started is an {@code error} event carrying the RFC 9457
     * problem detail. Bad input is rejected before the stream starts, as a plain problem detail.
     */
    @PostMapping(path = "/query", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter queryStream(@PathVariable String collection, @RequestBody QueryBody body, HttpServletRequest http) {
        QueryRequest request = validator.request(body.query(), body.topK(), body.mode(), body.filters(),
                body.chunksPerDocument(), body.answer(), body.unknown());
        queries.requireCollection(collection);
        String caller = caller(http);
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT_MS);
        streams.execute(() -> stream(emitter, collection, request, caller));
        return emitter;
    }

    private void stream(SseEmitter emitter, String collection, QueryRequest request, String caller) {
        try {
            QueryResult result = queries.query(collection, request, caller, new AnswerStream() {
                @Override
                public void hits(List<QueryHit> hits, boolean noGoodMatch) {
                    send(emitter, SseEmitter.event().name("hits")
                            .data(Map.of("hits", hits, "noGoodMatch", noGoodMatch), MediaType.APPLICATION_JSON));
                }

                @Override
                public void token(String text) {
                    send(emitter, SseEmitter.event().name("token").data(Map.of("text", text),
                            MediaType.APPLICATION_JSON));
                }
            });
            send(emitter, SseEmitter.event().name("result").id(result.traceId()).data(result,
                    MediaType.APPLICATION_JSON));
            emitter.complete();
        } catch (ClientGone e) {
            emitter.completeWithError(e.getCause());
        } catch (ErrorResponseException e) {
            sendError(emitter, e.getBody());
        } catch (RuntimeException e) {
            log.error("Streaming query on {} failed", collection, e);
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                    "The server failed unexpectedly; the error is in its log.");
            problem.setTitle("Internal error");
            sendError(emitter, problem);
        }
    }

    private static void sendError(SseEmitter emitter, ProblemDetail problem) {
        try {
            send(emitter, SseEmitter.event().name("error").data(problem, MediaType.APPLICATION_PROBLEM_JSON));
            emitter.complete();
        } catch (ClientGone gone) {
            emitter.completeWithError(gone.getCause());
        }
    }

    private static void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            throw new ClientGone(e);
        }
    }

    /** The client closed the stream; the query's work stops at the next event. */
    private static final class ClientGone extends RuntimeException {
        ClientGone(Throwable cause) {
            super(cause);
        }
    }

    @PreDestroy
    void closeStreams() {
        streams.shutdownNow();
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
