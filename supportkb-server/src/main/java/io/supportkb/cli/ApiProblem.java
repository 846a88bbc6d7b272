package io.supportkb.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An error answer of the server: an RFC 9457 problem detail ({@code type}, {@code title}, {@code detail} and
 * extension members such as {@code field}, {@code line} or {@code limit}), or a bare status when the body is not
 * one. The message reads {@code Title: detail (field=x, limit=y)}.
 */
final class ApiProblem extends RuntimeException {

    private static final String TYPE_BASE = "https://supportkb.io/problems/";
    private static final Set<String> STANDARD = Set.of("type", "title", "status", "detail", "instance");

    private final int status;
    private final String type;

    private ApiProblem(int status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    /** From a problem-detail JSON object; any member may be missing (then the status stands in for the title). */
    static ApiProblem of(int status, Json body) {
        Map<String, String> extensions = new LinkedHashMap<>();
        body.fields().forEach((name, value) -> {
            if (!STANDARD.contains(name) && value.isScalar()) {
                extensions.put(name, value.asText());
            }
        });
        return new ApiProblem(status, body.text("type"), describe(status, body.text("title"), body.text("detail"), extensions));
    }

    /** A problem detail as found inside a JSON Lines report line ({@code error} member). */
    static String describe(Json problem) {
        return of((int) problem.count("status"), problem).getMessage();
    }

    int status() {
        return status;
    }

    /** The last segment of the problem type, e.g. {@code collection-exists}; empty when the server sent none. */
    String slug() {
        return type != null && type.startsWith(TYPE_BASE) ? type.substring(TYPE_BASE.length()) : "";
    }

    private static String describe(int status, String title, String detail, Map<String, String> extensions) {
        StringBuilder text = new StringBuilder(title != null && !title.isBlank() ? title : "HTTP " + status);
        if (detail != null && !detail.isBlank()) {
            text.append(": ").append(detail);
        }
        if (!extensions.isEmpty()) {
            StringBuilder facts = new StringBuilder();
            extensions.forEach((k, v) -> facts.append(facts.isEmpty() ? "" : ", ").append(k).append('=').append(v));
            text.append(" (").append(facts).append(')');
        }
        return text.toString();
    }
}
