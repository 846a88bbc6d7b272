package io.supportkb.ml.eval;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import picocli.CommandLine.Option;

import io.supportkb.ml.index.SearchMode;

/**
 * The options both evaluations share, in process ({@code kb eval}) and over HTTP ({@code kb eval --url}): which
 * BEIR-layout data set, which qrels split and which search modes. A picocli mixin.
 */
public final class EvalSetOptions {

    @Option(names = "--dataset", required = true, description = "BEIR folder (corpus.jsonl, queries.jsonl, qrels/)")
    public Path dataset;

    @Option(names = "--split", defaultValue = "test", description = "qrels split (default: ${DEFAULT-VALUE})")
    public String split;

    @Option(names = "--mode", defaultValue = "all", description = "vector | keyword | hybrid | all (default: ${DEFAULT-VALUE})")
    public String mode;

    /** The modes {@code --mode} names, in {@link SearchMode} order for {@code all}. */
    public List<SearchMode> modes() {
        String wanted = mode.toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "all" -> List.of(SearchMode.values());
            case "vector", "keyword", "hybrid" -> List.of(SearchMode.valueOf(wanted.toUpperCase(Locale.ROOT)));
            default -> throw new IllegalArgumentException("--mode must be vector, keyword, hybrid or all (was " + mode + ")");
        };
    }
}
