package io.supportkb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestWorkloadTest {

    @Test
    void warmsUpOnDocumentsAfterTheMeasuredOnesAndEditsAnEvenlySpreadShare(@TempDir Path dataset) throws Exception {
        Files.writeString(dataset.resolve("corpus.jsonl"), IntStream.range(0, 50)
                .mapToObj(i -> "{\"_id\": \"" + i + "\", \"title\": \"T" + i + "\", \"text\": \"Text " + i + ".\"}")
                .collect(Collectors.joining("\n")));

        IngestWorkload work = IngestWorkload.prepare("scifact", dataset, dataset.resolve("demo"), 40, 5, 5);

        assertThat(work.documents()).hasSize(40);
        assertThat(work.warmUp()).extracting(BenchDocument::externalId)
                .containsExactly("beir-40", "beir-41", "beir-42", "beir-43", "beir-44");
        assertThat(work.edited()).isEqualTo(2);
        assertThat(work.reupload()).extracting(BenchDocument::externalId)
                .isEqualTo(work.documents().stream().map(BenchDocument::externalId).toList());
        assertThat(IntStream.range(0, 40).filter(i -> !work.reupload().get(i).equals(work.documents().get(i))))
                .containsExactly(0, 20);
        assertThat(work.reupload().get(20).text()).isEqualTo("Text 20. " + IngestWorkload.EDIT);
    }
}
