package io.supportkb.ml.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Default locations, resolved against the project root (the nearest directory above the working
 * directory that holds {@code mvnw} and {@code supportkb-ml}), so that the benchmarks run from the root
 * or from the module alike.
 */
public final class ProjectLayout {

    private ProjectLayout() {}

    public static Path root() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("supportkb-ml"))) {
                return dir;
            }
        }
        return start;
    }

    /** {@code bench/results} under the project root. */
    public static Path defaultResults() {
        return root().resolve("bench/results");
    }

    /** The shared SciFact copy next to the project ({@code ../shared/eval/scifact}); never inside the repo. */
    public static Path defaultScifact() {
        return root().resolve("../shared/eval/scifact").normalize();
    }

    /** The demo knowledge base shipped with the project ({@code demo/}). */
    public static Path defaultDemo() {
        return root().resolve("demo");
    }
}
