package io.supportkb.api;

import io.supportkb.shared.JsonFieldPath;
import java.net.URI;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.supportkb.ingestion.IngestionProperties;
import io.supportkb.ingestion.IngestionRejected;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/**
 * Every error leaves as an RFC 9457 problem detail with a stable {@code type}; client mistakes are 4xx with
 * the field and limit involved, never a 500 and never a stack trace.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final IngestionProperties properties;

    public ApiExceptionHandler(IngestionProperties properties) {
        this.properties = properties;
    }

    @ExceptionHandler(IngestionRejected.class)
    ResponseEntity<ProblemDetail> rejected(IngestionRejected e) {
        return problem(ProblemTypes.status(e.reason()), ProblemTypes.of(e.reason()), ProblemTypes.title(e.reason()),
                e.getMessage(), e.properties());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_FIELD, "Invalid field",
                "Parameter '" + e.getName() + "' has an invalid value.", Map.of("field", e.getName()));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> multipart(MultipartException e) {
        if (e instanceof MaxUploadSizeExceededException) {
            return tooLarge();
        }
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.BAD_REQUEST, "Malformed multipart request",
                "The multipart request could not be read.", Map.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error while handling a request", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL_ERROR, "Internal error",
                "The server failed unexpectedly; the error is in its log.", Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return cast(tooLarge());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        JacksonException json = find(ex, JacksonException.class);
        if (json == null) {
            return cast(problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_JSON, "Malformed JSON",
                    "The request body is missing or unreadable.", Map.of("field", "body")));
        }
        String message = String.valueOf(json.getOriginalMessage());
        if (json instanceof StreamReadException) {
            if (message.contains("UTF-8") || message.contains("UTF8")) {
                return cast(problem(HttpStatus.BAD_REQUEST, ProblemTypes.of(IngestionRejected.Reason.INVALID_ENCODING),
                        "Invalid text encoding", "The request body is not valid UTF-8.", Map.of("field", "body")));
            }
            return cast(problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_JSON, "Malformed JSON",
                    "The request body is not valid JSON: " + message, Map.of("field", "body")));
        }
        String field = JsonFieldPath.of(json);
        return cast(problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_FIELD, "Invalid field",
                "Field '" + field + "' has the wrong type or value.", Map.of("field", field)));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return cast(problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_FIELD, "Invalid field",
                "The multipart request has no part named '" + ex.getRequestPartName() + "'.",
                Map.of("field", ex.getRequestPartName())));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return cast(problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_FIELD, "Invalid field",
                "Parameter '" + ex.getParameterName() + "' is required.", Map.of("field", ex.getParameterName())));
    }

    /** Framework errors keep Spring's status and detail but get a stable type instead of about:blank. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getType() == null
                || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(typeFor(status));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static URI typeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 404 -> ProblemTypes.NOT_FOUND;
            case 405 -> ProblemTypes.METHOD_NOT_ALLOWED;
            case 406 -> ProblemTypes.NOT_ACCEPTABLE;
            case 413 -> ProblemTypes.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemTypes.UNSUPPORTED_REQUEST_TYPE;
            case 500 -> ProblemTypes.INTERNAL_ERROR;
            default -> ProblemTypes.BAD_REQUEST;
        };
    }

    private ResponseEntity<ProblemDetail> tooLarge() {
        long limit = properties.limits().maxFileSize().toBytes();
        return problem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, "Over the size limit",
                "The upload is larger than " + limit + " bytes.", Map.of("field", "file", "limit", limit, "unit", "bytes"));
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatusCode status, URI type, String title, String detail,
                                                 Map<String, ?> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return ResponseEntity.status(status).body(problem);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> entity) {
        return (ResponseEntity) entity;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }
}
