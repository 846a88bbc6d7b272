package io.supportkb.ml.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the head of a dataset in BEIR layout ({@code corpus.jsonl}, {@code queries.jsonl}) at run time;
 * benchmark inputs are never copied into the repository.
 */
final class BeirSample {

    record Doc(String id, String title, String text) {
        /** Title, a newline, then the text — how the benchmarks present a document to the embedder. */
        String passage() {
            return title.isBlank() ? text : title + "\n" + text;
        }
    }

    record QueryText(String id, String text) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private BeirSample() {}

    /** The first {@code limit} documents of {@code corpus.jsonl}, in file order. */
    static List<Doc> firstDocs(Path dataset, int limit) {
        List<Doc> docs = new ArrayList<>();
        for (JsonNode node : firstLines(dataset.resolve("corpus.jsonl"), limit)) {
            docs.add(new Doc(node.path("_id").asText(), node.path("title").asText(""), node.path("text").asText("")));
        }
        return docs;
    }

    /** The first {@code limit} queries of {@code queries.jsonl}, in file order. */
    static List<QueryText> firstQueries(Path dataset, int limit) {
        List<QueryText> queries = new ArrayList<>();
        for (JsonNode node : firstLines(dataset.resolve("queries.jsonl"), limit)) {
            queries.add(new QueryText(node.path("_id").asText(), node.path("text").asText("")));
        }
        return queries;
    }

    private static List<JsonNode> firstLines(Path file, int limit) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file.toAbsolutePath() + " does not exist; pass --dataset <dir in BEIR layout>");
        }
        List<JsonNode> nodes = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            for (String line = reader.readLine(); line != null && nodes.size() < limit; line = reader.readLine()) {
                if (!line.isBlank()) {
                    nodes.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return nodes;
    }
}
