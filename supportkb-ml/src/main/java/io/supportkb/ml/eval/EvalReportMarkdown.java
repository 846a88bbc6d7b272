package io.supportkb.ml.eval;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Renders an {@link EvalReport} as GitHub-flavoured Markdown. */
final class EvalReportMarkdown {

    private static final String MISSING = "–";

    private EvalReportMarkdown() {
    }

    static String render(EvalReport report) {
        var md = new StringBuilder();
        md.append("# Retrieval evaluation: ").append(cell(report.dataset())).append("\n\n");
        md.append("- model: `").append(report.modelId()).append("`\n");
        md.append("- run at: ").append(report.timestamp()).append('\n');
        if (report.config().get("split.queries") instanceof String split) {
            // Which queries were asked decides what the numbers may be used for (choosing settings or reporting).
            md.append("- split: ").append(split).append('\n');
        }
        if (!report.counts().isEmpty()) {
            md.append("- counts: ").append(report.counts().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "))).append('\n');
        }
        if (!report.config().isEmpty()) {
            md.append("- config: ").append(report.config().entrySet().stream()
                    .map(e -> "`" + e.getKey() + "=" + e.getValue() + "`")
                    .collect(Collectors.joining(", "))).append('\n');
        }
        for (ModeResult mode : report.modes()) {
            md.append("\n## Mode: ").append(cell(mode.mode())).append("\n\n");
            md.append("| metric | value |\n|---|---:|\n");
            mode.metrics().forEach((name, value) ->
                    md.append("| ").append(cell(name)).append(" | ").append(metric(value)).append(" |\n"));
            if (!mode.timingsMillis().isEmpty()) {
                md.append("\n| timing | ms |\n|---|---:|\n");
                mode.timingsMillis().forEach((name, millis) -> md.append("| ").append(cell(name)).append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f", millis)).append(" |\n"));
            }
        }
        if (report.modes().size() > 1) {
            Set<String> names = new LinkedHashSet<>();
            report.modes().forEach(mode -> names.addAll(mode.metrics().keySet()));
            md.append("\n## All modes\n\n");
            header(md, "mode", names, List.of());
            for (ModeResult mode : report.modes()) {
                row(md, mode.mode(), names, mode.metrics(), List.of());
            }
        }
        if (!report.published().isEmpty()) {
            Set<String> names = new LinkedHashSet<>();
            report.published().forEach(reference -> names.addAll(reference.metrics().keySet()));
            md.append("\n## Published reference numbers\n\n");
            header(md, "system", names, List.of("source"));
            for (PublishedResult reference : report.published()) {
                row(md, reference.system(), names, reference.metrics(), List.of(reference.source()));
            }
        }
        return md.toString();
    }

    private static void header(StringBuilder md, String first, Set<String> metrics, List<String> trailing) {
        md.append("| ").append(first);
        metrics.forEach(name -> md.append(" | ").append(cell(name)));
        trailing.forEach(name -> md.append(" | ").append(name));
        md.append(" |\n|---");
        metrics.forEach(name -> md.append("|---:"));
        trailing.forEach(name -> md.append("|---"));
        md.append("|\n");
    }

    private static void row(StringBuilder md, String first, Set<String> metrics, Map<String, Double> values,
            List<String> trailing) {
        md.append("| ").append(cell(first));
        metrics.forEach(name -> md.append(" | ").append(values.containsKey(name) ? metric(values.get(name)) : MISSING));
        trailing.forEach(text -> md.append(" | ").append(cell(text)));
        md.append(" |\n");
    }

    private static String metric(Double value) {
        return value == null || value.isNaN() ? MISSING : String.format(Locale.ROOT, "%.3f", value);
    }

    /** Keeps a table cell one cell: pipes escaped, line breaks flattened. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace('\n', ' ');
    }
}
