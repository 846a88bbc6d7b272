package io.supportkb.ml.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Lazy reader of JSON Lines files (one object per line), with file and line in every error. */
final class JsonLines {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /** Maps one parsed line; {@code location} is "file line n" for error messages. */
    @FunctionalInterface
    interface LineMapper<T> {
        T map(JsonNode line, String location) throws IOException;
    }

    private JsonLines() {
    }

    /**
     * A sequential stream of the file's non-blank lines, mapped; must be closed (try-with-resources).
     * Read and format errors surface as {@link UncheckedIOException} while the stream is consumed.
     */
    static <T> Stream<T> read(Path file, LineMapper<T> mapper) throws IOException {
        BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        var lines = new Spliterators.AbstractSpliterator<T>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
            private int lineNumber;

            @Override
            public boolean tryAdvance(Consumer<? super T> action) {
                try {
                    String line;
                    do {
                        line = reader.readLine();
                        lineNumber++;
                        if (line == null) {
                            return false;
                        }
                    } while (line.isBlank());
                    String location = file + " line " + lineNumber;
                    JsonNode node = parse(line, location);
                    action.accept(mapper.map(node, location));
                    return true;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        return StreamSupport.stream(lines, false).onClose(() -> {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static String requiredText(JsonNode node, String field, String location) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IOException(location + ": missing \"" + field + "\"");
        }
        return value.asText();
    }

    static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    static Map<String, Object> metadata(JsonNode node, String location) throws IOException {
        JsonNode value = node.get("metadata");
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new IOException(location + ": \"metadata\" must be an object");
        }
        return MAPPER.convertValue(value, MAP);
    }

    private static JsonNode parse(String line, String location) throws IOException {
        // A UTF-8 byte-order mark survives decoding as U+FEFF on the first line.
        String json = line.charAt(0) == '\uFEFF' ? line.substring(1) : line;
        try {
            JsonNode node = MAPPER.readTree(json);
            if (!node.isObject()) {
                throw new IOException(location + ": expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IOException(location + ": invalid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
