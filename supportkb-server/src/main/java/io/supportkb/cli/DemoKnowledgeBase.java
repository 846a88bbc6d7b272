package io.supportkb.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The demo knowledge base folder that ships with the project ({@code demo/}): {@code articles/*.md} and
 * {@code *.html} (kind article), {@code faq.md} (faq), {@code runbooks/*.md} (runbook) and {@code tickets.jsonl}
 * (a JSON Lines batch of tickets). {@code README.md} and {@code queries.jsonl} describe and evaluate it and are not
 * uploaded; the README's "Example questions" table supplies the questions the demo suggests.
 */
final class DemoKnowledgeBase {

    private final Path folder;

    DemoKnowledgeBase(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    Path folder() {
        return folder;
    }

    /**
     * What to upload, external ids relative to the folder ({@code articles/refund-policy.md}, as in
     * {@code queries.jsonl}).
     *
     * @throws IllegalArgumentException when the folder is missing or holds none of the expected files
     */
    List<Source> sources() {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("No demo knowledge base at " + folder + ". Run ./kb demo from the "
                    + "SupportKB project folder (it ships demo/), or point --source at a folder with articles/, faq.md, "
                    + "runbooks/ and tickets.jsonl.");
        }
        List<Source> sources = new ArrayList<>();
        sources.addAll(filesIn("articles", "article", ".md", ".html"));
        if (Files.isRegularFile(folder.resolve("faq.md"))) {
            sources.add(Source.file(folder.resolve("faq.md"), "faq.md", "faq"));
        }
        sources.addAll(filesIn("runbooks", "runbook", ".md"));
        if (Files.isRegularFile(folder.resolve("tickets.jsonl"))) {
            sources.add(Source.file(folder.resolve("tickets.jsonl"), "tickets.jsonl", null));
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("The demo folder " + folder + " holds none of articles/*.md, "
                    + "articles/*.html, faq.md, runbooks/*.md, tickets.jsonl.");
        }
        return sources;
    }

    /** Up to {@code limit} on-topic questions from the README's "Example questions" table. */
    List<String> exampleQuestions(int limit) {
        Path readme = folder.resolve("README.md");
        List<String> questions = new ArrayList<>();
        if (!Files.isRegularFile(readme)) {
            return questions;
        }
        boolean inSection = false;
        try {
            for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
                if (line.startsWith("#")) {
                    inSection = line.toLowerCase(Locale.ROOT).contains("example questions");
                    continue;
                }
                String[] cells = line.split("\\|");
                // | # | Question | Answered by |  -> "", " 1 ", " question ", " answered by "
                if (inSection && cells.length >= 4 && cells[1].strip().matches("\\d+")
                        && !cells[3].toLowerCase(Locale.ROOT).contains("off-topic")) {
                    questions.add(cells[2].strip());
                    if (questions.size() == limit) {
                        break;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + readme, e);
        }
        return questions;
    }

    private List<Source> filesIn(String subfolder, String kind, String... extensions) {
        Path dir = folder.resolve(subfolder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Stream.of(extensions).anyMatch(e -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e)))
                    .sorted()
                    .map(p -> Source.file(p, subfolder + "/" + p.getFileName(), kind))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
