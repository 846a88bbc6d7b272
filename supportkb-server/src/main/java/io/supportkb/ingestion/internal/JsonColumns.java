package io.supportkb.ingestion.internal;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Tags (a JSON array) and metadata (a JSON object) are stored as JSON text columns. */
@Component
public class JsonColumns {

    private static final TypeReference<List<String>> TAGS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private final JsonMapper json;

    public JsonColumns(JsonMapper json) {
        this.json = json;
    }

    public String write(Object value) {
        return value == null ? null : json.writeValueAsString(value);
    }

    public List<String> tags(String column) {
        return column == null ? List.of() : json.readValue(column, TAGS);
    }

    public Map<String, Object> metadata(String column) {
        return column == null ? null : json.readValue(column, OBJECT);
    }
}
