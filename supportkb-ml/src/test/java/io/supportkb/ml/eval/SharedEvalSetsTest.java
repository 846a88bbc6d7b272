package io.supportkb.ml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.supportkb.ml.eval.BeirDataset.Relevance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Checks the loader against the real sets in {@code ../shared/eval} (relative to the project root),
 * when they are present; skipped otherwise. The data is read in place, never copied.
 */
class SharedEvalSetsTest {

    /** {@code ../shared/eval/<set>} from the project root, whether Maven runs in the root or the module. */
    private static Path sharedSet(String name) {
        Path here = Path.of("").toAbsolutePath();
        Path fromRoot = here.resolve("../shared/eval").resolve(name).normalize();
        Path fromModule = here.resolve("../../shared/eval").resolve(name).normalize();
        return Files.isDirectory(fromRoot) ? fromRoot : fromModule;
    }

    @Test
    void sciFactTestSplitHasBeirCounts() throws IOException {
        Path scifact = sharedSet("scifact");
        assumeTrue(Files.isDirectory(scifact), "no shared SciFact at " + scifact);

        var dataset = BeirDataset.load(scifact);

        assertThat(dataset.name()).isEqualTo("scifact");
        assertThat(dataset.corpus()).hasSize(5183);
        assertThat(dataset.queries()).hasSize(300);
        assertThat(dataset.qrels().queryIds()).hasSize(300);
        assertThat(dataset.qrels().size()).isEqualTo(339);
    }

    @Test
    void banking77ShippedQrelsAreTheSameIntentRule() throws IOException {
        Path banking77 = sharedSet("banking77");
        assumeTrue(Files.isDirectory(banking77), "no shared banking77 at " + banking77);

        var shipped = BeirDataset.load(banking77);
        var byIntent = BeirDataset.load(banking77, "test", Relevance.SAME_INTENT);

        assertThat(shipped.relevance()).isEqualTo(Relevance.QRELS_FILE);
        assertThat(shipped.corpus()).hasSize(10_003);
        assertThat(shipped.queries()).hasSize(3_080);
        assertThat(shipped.qrels().size()).isEqualTo(400_120);
        assertThat(byIntent.qrels().asMap()).isEqualTo(shipped.qrels().asMap());
    }
}
