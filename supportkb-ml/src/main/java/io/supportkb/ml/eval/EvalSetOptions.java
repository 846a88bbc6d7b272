package io.supportkb.ml.eval;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import picocli.CommandLine.Option;

import io.supportkb.ml.index.SearchMode;

/**
 * The options both evaluations share, in process ({@code kb eval}) and over HTTP ({@code kb eval --url}): which
 * BEIR-layout data set, which split ({@link BeirDataset#load(Path, String)}, including the corpus-carved
 * {@value BeirDataset#HOLDOUT_SPLIT}) and which search modes. A picocli mixin.
 */
public final class EvalSetOptions {

    @Option(names = "--dataset", required = true, description = "BEIR folder (corpus.jsonl, queries.jsonl, qrels/)")
    public Path dataset;

    @Option(names = "--split", defaultValue = BeirDataset.DEFAULT_SPLIT,
            description = "qrels split (default: ${DEFAULT-VALUE}), or " + BeirDataset.HOLDOUT_SPLIT
                    + ": a validation split carved from the corpus for choosing settings without the test queries; "
                    + "every " + BeirDataset.HOLDOUT_EVERY + "th corpus document by file order becomes a query and leaves the corpus, relevant = "
                    + "the remaining documents with the same metadata.intent; " + BeirDataset.HOLDOUT_SPLIT + "-0 … -9 are its ten "
                    + "cross-validation folds (fold k holds out positions p with p mod " + BeirDataset.HOLDOUT_EVERY + " = k)")
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
