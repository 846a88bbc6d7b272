package io.supportkb.search.internal;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonFormat;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code filters} of a query or explain request as sent. {@code kind} and {@code tags} accept one string or a
 * list. Unknown fields are collected (not ignored) so that a misspelt filter is a 400, not a silent no-op.
 *
 * @param kind         article, faq, ticket, runbook, other (any of them)
 * @param tags         the document has at least one of these tags
 * @param language     the document's language, e.g. {@code en}
 * @param updatedAfter ISO-8601 date or date-time; documents updated strictly after it
 */
public record FiltersBody(@JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> kind,
                          @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> tags,
                          String language, String updatedAfter,
                          @Schema(hidden = true) @JsonAnySetter Map<String, Object> unknown) {
}
