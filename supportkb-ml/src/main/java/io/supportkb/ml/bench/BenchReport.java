package io.supportkb.ml.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one benchmark run, written as {@code report.json} (everything, raw numbers included)
 * and {@code report.md} (the tables a reader wants) into {@code <results>/<yyyyMMdd-HHmmss>-<name>/}.
 *
 * @param name short name, part of the folder name (e.g. {@code embedding})
 * @param startedAt local time the run started, ISO-8601 without zone ({@code 2026-11-25T15:40:12}); names the folder
 * @param command how to reproduce the run
 * @param settings every knob that influences the numbers, in display order
 * @param tables the results as the Markdown shows them (formatted strings)
 * @param notes findings and caveats, one paragraph each
 * @param raw the unformatted measurements (per-round nanoseconds, per-query latencies...), JSON only
 */
public record BenchReport(String name, String title, String startedAt, String command, MachineInfo machine,
        String loadAverageAtEnd, Map<String, Object> settings, List<Table> tables, List<String> notes,
        Map<String, Object> raw) {

    /** A result table; every row has one cell per column. */
    public record Table(String title, List<String> columns, List<List<String>> rows) {
        public Table {
            for (List<String> row : rows) {
                if (row.size() != columns.size()) {
                    throw new IllegalArgumentException("row " + row + " does not match columns " + columns);
                }
            }
        }
    }

    /** The current local time, to the second, in the form {@link #startedAt()} expects. */
    public static String now() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
    }

    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** How a benchmark program was started, for the report: the JVM flags, the class and its arguments. */
    public static String commandLine(Class<?> program, String[] args) {
        return "java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp ... " + program.getName()
                + (args.length == 0 ? "" : " " + String.join(" ", args));
    }

    /** Writes the report under {@code resultsDir} and prints it with the folder it went to. */
    public void publish(Path resultsDir) {
        Path folder = writeTo(resultsDir);
        System.out.println(toMarkdown());
        System.out.println("report written to " + folder.toAbsolutePath());
    }

    /** Creates the report folder under {@code resultsDir} and writes both files; returns the folder. */
    public Path writeTo(Path resultsDir) {
        Path folder = resultsDir.resolve(LocalDateTime.parse(startedAt).format(FOLDER_TIME) + "-" + name);
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("report.md"), toMarkdown());
            Files.writeString(folder.resolve("report.json"), JSON.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + folder.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return folder;
    }

    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        md.append("Run ").append(startedAt).append(" with:\n\n```\n").append(command).append("\n```\n\n");
        md.append("## Machine\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| cores | ").append(machine.availableProcessors()).append(" |\n");
        md.append("| CPU | ").append(machine.cpuModel()).append(" |\n");
        md.append("| JDK | ").append(machine.javaVersion()).append(" (").append(machine.javaVm()).append(") |\n");
        md.append("| OS | ").append(machine.os()).append(' ').append(machine.arch()).append(" |\n");
        md.append("| max heap | ").append(machine.maxHeapMiB()).append(" MiB |\n");
        md.append("| Vector API | ").append(machine.vectorApi() ? "yes" : "no").append(" |\n");
        md.append("| load average (1/5/15 min) at start / end | ").append(machine.loadAverage()).append(" / ")
                .append(loadAverageAtEnd).append(" |\n\n");
        md.append("## Settings\n\n| setting | value |\n|---|---|\n");
        settings.forEach((key, value) -> md.append("| ").append(key).append(" | ").append(cell(String.valueOf(value))).append(" |\n"));
        md.append('\n');
        for (Table table : tables) {
            md.append("## ").append(table.title()).append("\n\n");
            md.append("| ").append(String.join(" | ", table.columns())).append(" |\n");
            md.append("|").append("---|".repeat(table.columns().size())).append('\n');
            for (List<String> row : table.rows()) {
                md.append("| ").append(String.join(" | ", row.stream().map(BenchReport::cell).toList())).append(" |\n");
            }
            md.append('\n');
        }
        if (!notes.isEmpty()) {
            md.append("## Notes\n\n");
            notes.forEach(note -> md.append("- ").append(note).append('\n'));
            md.append('\n');
        }
        md.append("Raw per-round and per-operation numbers: `report.json`.\n");
        return md.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
