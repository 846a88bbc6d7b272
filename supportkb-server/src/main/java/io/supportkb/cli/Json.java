package io.supportkb.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * A tolerant, read-only view of a JSON answer: a missing member, a {@code null} or a value of an unexpected type
 * reads as absent instead of failing, so the command line keeps working while the server's answers gain or lose
 * fields. Paths are dot-separated member names ({@code scores.fusedScore}).
 */
record Json(JsonNode node) {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    static final Json MISSING = new Json(MissingNode.getInstance());

    static Json parse(String text) {
        if (text == null || text.isBlank()) {
            return MISSING;
        }
        try {
            return new Json(MAPPER.readTree(text));
        } catch (RuntimeException notJson) {
            return MISSING;
        }
    }

    /** The value at a dot path, or {@link #MISSING}. */
    Json at(String path) {
        JsonNode current = node;
        for (String name : path.split("\\.")) {
            current = current.isObject() ? current.path(name) : MissingNode.getInstance();
        }
        return new Json(current);
    }

    boolean isPresent() {
        return !node.isMissingNode() && !node.isNull();
    }

    boolean isScalar() {
        return node.isValueNode() && !node.isNull();
    }

    /** A scalar at the path as text; {@code null} when absent, null or not a scalar. */
    String text(String path) {
        Json value = at(path);
        return value.isScalar() ? value.asText() : null;
    }

    /** A scalar at the path as text, or {@code fallback} when absent, blank, null or not a scalar. */
    String text(String path, String fallback) {
        String value = text(path);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** This scalar as text ({@code ""} when not a scalar). */
    String asText() {
        return isScalar() ? node.asString() : "";
    }

    /** A number at the path; also accepts a numeric string. */
    OptionalDouble number(String path) {
        JsonNode value = at(path).node;
        if (value.isNumber()) {
            return OptionalDouble.of(value.doubleValue());
        }
        if (value.isString()) {
            try {
                return OptionalDouble.of(Double.parseDouble(value.stringValue().strip()));
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }

    long count(String path) {
        OptionalDouble value = number(path);
        return value.isPresent() ? (long) value.getAsDouble() : 0;
    }

    boolean flag(String path) {
        JsonNode value = at(path).node;
        return value.isBoolean() ? value.booleanValue() : "true".equalsIgnoreCase(text(path));
    }

    /** The elements of the array at the path; empty when it is absent or not an array. */
    List<Json> items(String path) {
        JsonNode value = at(path).node;
        List<Json> items = new ArrayList<>();
        if (value.isArray()) {
            value.values().forEach(item -> items.add(new Json(item)));
        }
        return items;
    }

    /** The members of this object in order; empty when it is not an object. */
    Map<String, Json> fields() {
        Map<String, Json> fields = new LinkedHashMap<>();
        if (node.isObject()) {
            node.properties().forEach(e -> fields.put(e.getKey(), new Json(e.getValue())));
        }
        return fields;
    }

    String pretty() {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    @Override
    public String toString() {
        return node.toString();
    }
}
