package io.supportkb.ml.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of evaluating one model on one data set, for one or more retrieval modes, written as JSON
 * (for tools and diffs) and Markdown (for people). Immutable and thread-safe.
 *
 * @param dataset   data set name, e.g. {@code scifact}
 * @param modelId   embedding model id, e.g. {@code bge-small-en-v1.5}
 * @param config    index and chunking settings that shaped the numbers (e.g. {@code chunk.maxTokens},
 *                  {@code hnsw.M}); values are strings, numbers, booleans or lists/maps of them
 * @param counts    sizes, e.g. {@code documents}, {@code chunks}, {@code queries}, {@code judgments}
 * @param modes     results per retrieval mode, in report order
 * @param published published reference numbers to compare against; may be empty
 * @param timestamp when the evaluation ran
 */
public record EvalReport(String dataset, String modelId, Map<String, Object> config, Map<String, Long> counts,
        List<ModeResult> modes, List<PublishedResult> published, Instant timestamp) {

    public EvalReport {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(modelId, "modelId");
        config = config == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(config));
        counts = counts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        modes = List.copyOf(modes);
        published = published == null ? List.of() : List.copyOf(published);
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** A copy with {@code mode} appended. */
    public EvalReport withMode(ModeResult mode) {
        var all = new ArrayList<>(modes);
        all.add(mode);
        return new EvalReport(dataset, modelId, config, counts, all, published, timestamp);
    }

    /** The results of a mode by name, if present. */
    public Optional<ModeResult> mode(String name) {
        return modes.stream().filter(m -> m.mode().equals(name)).findFirst();
    }

    /**
     * Writes pretty-printed JSON: {@code dataset, modelId, timestamp} (ISO-8601 UTC), {@code config},
     * {@code counts}, {@code modes[] {mode, metrics, timingsMillis}}, {@code published[] {system, source,
     * metrics}}. Metric values are unrounded. Parent folders are created.
     */
    public void writeJson(Path file) throws IOException {
        createParent(file);
        JsonLines.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), toJson());
    }

    /** Writes {@link #toMarkdown()}; parent folders are created. */
    public void writeMarkdown(Path file) throws IOException {
        createParent(file);
        Files.writeString(file, toMarkdown(), StandardCharsets.UTF_8);
    }

    /**
     * A Markdown page: run facts, one table per mode (metrics to 3 decimals, then timings in ms), a
     * side-by-side table when there are several modes, and the published reference numbers.
     */
    public String toMarkdown() {
        return EvalReportMarkdown.render(this);
    }

    ObjectNode toJson() {
        var mapper = JsonLines.MAPPER;
        ObjectNode root = mapper.createObjectNode();
        root.put("dataset", dataset);
        root.put("modelId", modelId);
        root.put("timestamp", timestamp.toString());
        root.set("config", mapper.valueToTree(config));
        root.set("counts", mapper.valueToTree(counts));
        var modesNode = root.putArray("modes");
        for (ModeResult mode : modes) {
            ObjectNode node = modesNode.addObject();
            node.put("mode", mode.mode());
            node.set("metrics", mapper.valueToTree(mode.metrics()));
            node.set("timingsMillis", mapper.valueToTree(mode.timingsMillis()));
        }
        var publishedNode = root.putArray("published");
        for (PublishedResult reference : published) {
            ObjectNode node = publishedNode.addObject();
            node.put("system", reference.system());
            node.put("source", reference.source());
            node.set("metrics", mapper.valueToTree(reference.metrics()));
        }
        return root;
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
