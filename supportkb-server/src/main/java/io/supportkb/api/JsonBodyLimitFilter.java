package io.supportkb.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.supportkb.ingestion.IngestionProperties;

import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a JSON body larger than {@code supportkb.ingestion.limits.max-json-body-size} (by Content-Length)
 * before Jackson reads it into memory. Multipart and JSON Lines have their own, streaming, limits.
 */
@Component
public class JsonBodyLimitFilter extends OncePerRequestFilter {

    private final long limit;
    private final JsonMapper json;

    public JsonBodyLimitFilter(IngestionProperties properties, JsonMapper json) {
        this.limit = properties.limits().maxJsonBodySize().toBytes();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType();
        if (type != null && type.toLowerCase().startsWith(MediaType.APPLICATION_JSON_VALUE)
                && request.getContentLengthLong() > limit) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", ProblemTypes.PAYLOAD_TOO_LARGE.toString());
            problem.put("title", "Over the size limit");
            problem.put("status", HttpStatus.CONTENT_TOO_LARGE.value());
            problem.put("detail", "The JSON body is larger than " + limit + " bytes.");
            problem.put("instance", request.getRequestURI());
            problem.put("field", "body");
            problem.put("limit", limit);
            problem.put("unit", "bytes");
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
            return;
        }
        chain.doFilter(request, response);
    }
}
