package io.supportkb.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.tika.Tika;
import org.apache.tika.exception.TikaException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmark inputs, read at run time and never copied into the repository: the head of a BEIR corpus
 * ({@code corpus.jsonl}, title + text, kind article) or the project's demo knowledge base ({@code demo/}).
 * Demo HTML articles are turned into text here with Tika and tickets rendered as Markdown ({@code ### role}
 * blocks then {@code ### resolution}), so every document travels as the same kind of JSON Lines line and the
 * baseline chunks the very text the server stores.
 */
final class BenchCorpus {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");
    private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t\\u00A0]+\\n");
    private static final Pattern BLANK_RUN = Pattern.compile("\\n{3,}");

    private BenchCorpus() {
    }

    /** Documents {@code skip} to {@code skip + limit} of {@code <dataset>/corpus.jsonl}, in file order. */
    static List<BenchDocument> beir(Path dataset, int skip, int limit) {
        Path file = dataset.resolve("corpus.jsonl");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file.toAbsolutePath()
                    + " does not exist; pass --dataset <dir in BEIR layout>");
        }
        List<BenchDocument> docs = new ArrayList<>();
        int seen = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null && docs.size() < limit; line = reader.readLine()) {
                if (line.isBlank() || seen++ < skip) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                String text = canonical(node.path("text").asString(""));
                if (!text.isEmpty()) {
                    String title = title(node.path("title").asString(""));
                    docs.add(new BenchDocument("beir-" + node.path("_id").asString(), title, text, "article"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return docs;
    }

    /** Up to {@code limit} documents of the demo knowledge base: articles, the FAQ, runbooks, then tickets. */
    static List<BenchDocument> demo(Path folder, int limit) {
        if (!Files.isDirectory(folder.resolve("articles"))) {
            throw new IllegalArgumentException("no demo knowledge base at " + folder.toAbsolutePath()
                    + " (expected articles/)");
        }
        List<BenchDocument> docs = new ArrayList<>();
        try {
            for (Path file : sorted(folder.resolve("articles"))) {
                docs.add(file(folder, file, "article"));
            }
            if (Files.isRegularFile(folder.resolve("faq.md"))) {
                docs.add(file(folder, folder.resolve("faq.md"), "faq"));
            }
            for (Path file : sorted(folder.resolve("runbooks"))) {
                docs.add(file(folder, file, "runbook"));
            }
            Path tickets = folder.resolve("tickets.jsonl");
            if (Files.isRegularFile(tickets)) {
                for (String line : Files.readAllLines(tickets, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        docs.add(ticket(JSON.readTree(line)));
                    }
                }
            }
        } catch (IOException | TikaException e) {
            throw new IllegalStateException("cannot read the demo knowledge base at " + folder.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
        return docs.subList(0, Math.min(limit, docs.size()));
    }

    private static List<Path> sorted(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".md") || p.toString().endsWith(".html")).sorted().toList();
        }
    }

    private static BenchDocument file(Path folder, Path file, String kind) throws IOException, TikaException {
        String raw = file.toString().endsWith(".html") ? new Tika().parseToString(file)
                : Files.readString(file, StandardCharsets.UTF_8);
        String text = canonical(raw);
        String title = text.lines().filter(l -> l.startsWith("# ")).findFirst().map(l -> l.substring(2))
                .orElse(file.getFileName().toString());
        return new BenchDocument(folder.relativize(file).toString(), title(title), text, kind);
    }

    private static BenchDocument ticket(JsonNode ticket) {
        StringBuilder text = new StringBuilder();
        for (JsonNode message : ticket.path("messages")) {
            text.append("### ").append(message.path("role").asString("message")).append("\n\n")
                    .append(message.path("body").asString("")).append("\n\n");
        }
        if (!ticket.path("resolution").asString("").isBlank()) {
            text.append("### resolution\n\n").append(ticket.path("resolution").asString());
        }
        return new BenchDocument(ticket.path("externalId").asString(), title(ticket.path("subject").asString("")),
                canonical(text.toString()), "ticket");
    }

    /**
     * The server's canonical text (NFC, LF line endings, no control characters or trailing spaces, at most one
     * blank line in a row, trimmed), so its normalisation at upload changes nothing. Applied until nothing changes:
     * one pass is not always enough (a byte order mark uncovered by trimming would go in the server's pass).
     */
    static String canonical(String text) {
        String previous;
        String s = text;
        do {
            previous = s;
            s = normalizeOnce(s);
        } while (!s.equals(previous));
        return s;
    }

    private static String normalizeOnce(String text) {
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        s = Normalizer.normalize(s, Normalizer.Form.NFC).replace("\r\n", "\n").replace('\r', '\n');
        s = CONTROL.matcher(s).replaceAll("");
        s = TRAILING_SPACE.matcher(s + "\n").replaceAll("\n");
        return BLANK_RUN.matcher(s).replaceAll("\n\n").strip();
    }

    private static String title(String raw) {
        return raw.replaceAll("\\s+", " ").strip();
    }
}
