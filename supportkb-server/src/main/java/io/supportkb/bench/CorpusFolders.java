package io.supportkb.bench;

import java.nio.file.Path;

import picocli.CommandLine.Option;

import io.supportkb.ml.bench.ProjectLayout;

/** Where the server benchmarks read their corpus: a picocli mixin with the project's defaults. */
final class CorpusFolders {

    @Option(names = "--dataset", description = "BEIR dataset folder (default ../shared/eval/scifact).")
    Path dataset;

    @Option(names = "--demo-dir", description = "Demo knowledge base folder (default demo/ of the project).")
    Path demoDir;

    /** {@code --dataset}, or the shared SciFact copy next to the project. */
    Path dataset() {
        return dataset != null ? dataset : ProjectLayout.defaultScifact();
    }

    /** {@code --demo-dir}, or the project's {@code demo/}. */
    Path demo() {
        return demoDir != null ? demoDir : ProjectLayout.defaultDemo();
    }
}
