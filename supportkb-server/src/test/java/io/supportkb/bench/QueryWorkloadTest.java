package io.supportkb.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryWorkloadTest {

    @TempDir
    Path dataset;

    @BeforeEach
    void writeABeirSet() throws Exception {
        // document i has i + 1 sentences; the fake chunker below makes one chunk per sentence
        Files.writeString(dataset.resolve("corpus.jsonl"), IntStream.range(0, 10)
                .mapToObj(i -> "{\"_id\": \"" + i + "\", \"title\": \"T" + i + "\", \"text\": \""
                        + "Sentence. ".repeat(i + 1).strip() + "\"}")
                .collect(Collectors.joining("\n")));
        Files.writeString(dataset.resolve("queries.jsonl"), """
                {"_id": "1", "text": "judged first"}
                {"_id": "2", "text": "train only"}
                {"_id": "3", "text": "judged second"}
                """);
        Files.createDirectories(dataset.resolve("qrels"));
        Files.writeString(dataset.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\n3\t0\t1\n1\t4\t1\n3\t5\t1\n");
    }

    @Test
    void asksOnlyTheTestQueriesInQueryFileOrder() {
        QueryWorkload work = QueryWorkload.load("scifact", dataset, dataset.resolve("demo"), 100, 100, true);

        assertThat(work.queries()).containsExactly("judged first", "judged second");
        assertThat(work.documents()).hasSize(10).first().extracting(BenchDocument::title).isEqualTo("T0");
    }

    @Test
    void takesTheFewestLeadingDocumentsThatReachTheChunkCount() {
        QueryWorkload work = QueryWorkload.load("scifact", dataset, dataset.resolve("demo"), 100, 100, false);

        QueryWorkload.Cut cut = work.cutAt(10, QueryWorkloadTest::sentences);

        // 1 + 2 + 3 = 6 < 10 <= 1 + 2 + 3 + 4
        assertThat(cut.documents()).extracting(BenchDocument::externalId)
                .containsExactly("beir-0", "beir-1", "beir-2", "beir-3");
        assertThat(cut.chunks()).isEqualTo(10);
        assertThat(cut.documents()).allSatisfy(d -> assertThat(d.title()).isEmpty());
        assertThat(work.cutAt(0, QueryWorkloadTest::sentences).documents()).hasSize(10);
    }

    @Test
    void refusesAChunkCountTheWholeCorpusCannotReach() {
        QueryWorkload work = QueryWorkload.load("scifact", dataset, dataset.resolve("demo"), 100, 100, false);

        assertThatThrownBy(() -> work.cutAt(56, QueryWorkloadTest::sentences))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("make 55 chunks, fewer than 56");
    }

    private static int sentences(BenchDocument document) {
        return document.text().split("\\. ?").length;
    }
}
