package io.supportkb.ml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrecRunWriterTest {

    @TempDir
    Path dir;

    @Test
    void writesSixSpaceSeparatedColumnsWithOneBasedRanks() throws IOException {
        var run = new LinkedHashMap<String, List<ScoredDoc>>();
        run.put("q1", List.of(new ScoredDoc("d7", 0.93), new ScoredDoc("d2", 0.5)));
        run.put("q2", List.of());
        run.put("q3", List.of(new ScoredDoc("d9", 0.016393442622950821)));
        Path file = dir.resolve("runs/scifact-vector.trec");

        TrecRunWriter.write(file, "supportkb-vector", run);

        assertThat(Files.readAllLines(file)).containsExactly(
                "q1 Q0 d7 1 0.93 supportkb-vector",
                "q1 Q0 d2 2 0.5 supportkb-vector",
                "q3 Q0 d9 1 0.01639344262295082 supportkb-vector");
    }

    @Test
    void keepsOnlyTheTopHundredPerQuery() throws IOException {
        List<ScoredDoc> ranking = IntStream.range(0, 150).mapToObj(i -> new ScoredDoc("d" + i, 150 - i)).toList();
        Path file = dir.resolve("run.trec");
        try (var writer = TrecRunWriter.open(file, "tag")) {
            writer.write("q", ranking);
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(TrecRunWriter.DEFAULT_DEPTH);
        assertThat(lines.get(99)).isEqualTo("q Q0 d99 100 51.0 tag");
        assertThat(lines).allSatisfy(line -> assertThat(line.split(" ")).hasSize(6));
    }

    @Test
    void depthIsConfigurable() throws IOException {
        Path file = dir.resolve("run.trec");
        try (var writer = TrecRunWriter.open(file, "tag", 1)) {
            writer.write("q", List.of(new ScoredDoc("a", 2), new ScoredDoc("b", 1)));
        }
        assertThat(Files.readAllLines(file)).containsExactly("q Q0 a 1 2.0 tag");
    }

    @Test
    void rejectsWhitespaceInIdsOrTagAndNonFiniteScores() throws IOException {
        assertThatThrownBy(() -> TrecRunWriter.open(dir.resolve("a.trec"), "my run"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("run tag");
        try (var writer = TrecRunWriter.open(dir.resolve("b.trec"), "tag")) {
            assertThatThrownBy(() -> writer.write("q 1", List.of(new ScoredDoc("d", 1))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query id");
            assertThatThrownBy(() -> writer.write("q1", List.of(new ScoredDoc("d\t1", 1))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("document id");
            assertThatThrownBy(() -> writer.write("q1", List.of(new ScoredDoc("d", Double.NaN))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not finite");
        }
    }
}
