package io.supportkb.ml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.supportkb.ml.eval.BeirDataset.Relevance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirDatasetTest {

    @TempDir
    Path dir;

    private void write(String relative, String... lines) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
    }

    private void writeAdHocSet() throws IOException {
        write("corpus.jsonl",
                "{\"_id\": \"d1\", \"title\": \"Reset a password\", \"text\": \"Open settings.\", \"metadata\": {}}",
                "{\"_id\": \"d2\", \"text\": \"No title here.\"}",
                "",
                "{\"_id\": \"d3\", \"title\": null, \"text\": \"Third.\", \"metadata\": {\"tags\": [\"a\", \"b\"], \"n\": 2}}");
        write("queries.jsonl",
                "{\"_id\": \"q1\", \"text\": \"how to reset password\", \"metadata\": {}}",
                "{\"_id\": \"q2\", \"text\": \"not judged in test\"}",
                "{\"_id\": \"q3\", \"text\": \"third\", \"metadata\": {\"13734012\": [{\"label\": \"SUPPORT\"}]}}");
        write("qrels/test.tsv",
                "query-id\tcorpus-id\tscore",
                "q1\td1\t1",
                "q1\td2\t2",
                "q3\td3\t0");
        write("qrels/train.tsv",
                "query-id\tcorpus-id\tscore",
                "q2\td2\t1");
    }

    @Test
    void loadsCorpusQueriesAndTestQrelsEvaluatingOnlyJudgedQueries() throws IOException {
        writeAdHocSet();
        var dataset = BeirDataset.load(dir);

        assertThat(dataset.split()).isEqualTo("test");
        assertThat(dataset.relevance()).isEqualTo(Relevance.QRELS_FILE);
        assertThat(dataset.name()).isEqualTo(dir.getFileName().toString());
        assertThat(dataset.corpus()).extracting(CorpusDoc::id).containsExactly("d1", "d2", "d3");
        assertThat(dataset.corpus().get(0)).isEqualTo(
                new CorpusDoc("d1", "Reset a password", "Open settings.", Map.of()));
        assertThat(dataset.corpus().get(1).title()).isEmpty();
        assertThat(dataset.corpus().get(2).title()).isEmpty();
        assertThat(dataset.corpus().get(2).metadata()).containsEntry("tags", List.of("a", "b")).containsEntry("n", 2);
        assertThat(dataset.queries()).extracting(Query::id).containsExactly("q1", "q3");
        assertThat(dataset.qrels().size()).isEqualTo(3);
        assertThat(dataset.qrels().judgments("q1")).containsExactly(Map.entry("d1", 1), Map.entry("d2", 2));
        assertThat(dataset.qrels().relevantCount("q3")).isZero();
    }

    @Test
    void namedSplitReadsItsOwnQrelsFile() throws IOException {
        writeAdHocSet();
        var dataset = BeirDataset.load(dir, "train");
        assertThat(dataset.queries()).extracting(Query::id).containsExactly("q2");
        assertThat(dataset.qrels().judgments("q2")).containsExactly(Map.entry("d2", 1));
    }

    private void writeIntentSet() throws IOException {
        write("corpus.jsonl",
                "{\"_id\": \"c1\", \"title\": \"\", \"text\": \"card late\", \"metadata\": {\"intent\": \"card_arrival\"}}",
                "{\"_id\": \"c2\", \"title\": \"\", \"text\": \"where is my card\", \"metadata\": {\"intent\": \"card_arrival\"}}",
                "{\"_id\": \"c3\", \"title\": \"\", \"text\": \"top up failed\", \"metadata\": {\"intent\": \"top_up_failed\"}}");
        write("queries.jsonl",
                "{\"_id\": \"t1\", \"text\": \"card not here\", \"metadata\": {\"intent\": \"card_arrival\", \"split\": \"test\"}}",
                "{\"_id\": \"t2\", \"text\": \"top up broke\", \"metadata\": {\"intent\": \"top_up_failed\", \"split\": \"test\"}}",
                "{\"_id\": \"v1\", \"text\": \"card?\", \"metadata\": {\"intent\": \"card_arrival\", \"split\": \"dev\"}}",
                "{\"_id\": \"t3\", \"text\": \"lost pin\", \"metadata\": {\"intent\": \"pin_blocked\"}}");
    }

    @Test
    void withoutQrelsFileJudgesBySameIntent() throws IOException {
        writeIntentSet();
        var dataset = BeirDataset.load(dir);

        assertThat(dataset.relevance()).isEqualTo(Relevance.SAME_INTENT);
        // v1 belongs to another split; t3's intent has no document, so it has nothing to find
        assertThat(dataset.queries()).extracting(Query::id).containsExactly("t1", "t2");
        assertThat(dataset.qrels().judgments("t1")).containsExactly(Map.entry("c1", 1), Map.entry("c2", 1));
        assertThat(dataset.qrels().judgments("t2")).containsExactly(Map.entry("c3", 1));
        assertThat(dataset.qrels().size()).isEqualTo(3);
    }

    @Test
    void prefersTheShippedQrelsFileOverTheIntentRule() throws IOException {
        writeIntentSet();
        write("qrels/test.tsv", "query-id\tcorpus-id\tscore", "t1\tc1\t1");
        var dataset = BeirDataset.load(dir);
        assertThat(dataset.relevance()).isEqualTo(Relevance.QRELS_FILE);
        assertThat(dataset.qrels().asMap()).containsExactly(Map.entry("t1", Map.of("c1", 1)));

        var byIntent = BeirDataset.load(dir, "test", Relevance.SAME_INTENT);
        assertThat(byIntent.qrels().queryIds()).containsExactly("t1", "t2");
    }

    /** 23 documents in file order: intents a (1-8), b (9-16), c (17-22), and d (23) alone. */
    private void writeHoldoutSet() throws IOException {
        String[] lines = new String[23];
        for (int position = 1; position <= 23; position++) {
            String intent = position <= 8 ? "a" : position <= 16 ? "b" : position <= 22 ? "c" : "d";
            lines[position - 1] = "{\"_id\": \"doc" + position + "\", \"title\": \"\", \"text\": \"question " + position
                    + "\", \"metadata\": {\"intent\": \"" + intent + "\"}}";
        }
        write("corpus.jsonl", lines);
        // The test queries and their qrels must play no part in the holdout split.
        write("queries.jsonl",
                "{\"_id\": \"t1\", \"text\": \"test query\", \"metadata\": {\"intent\": \"a\", \"split\": \"test\"}}");
        write("qrels/test.tsv", "query-id\tcorpus-id\tscore", "t1\tdoc1\t1");
    }

    @Test
    void holdoutSplitTurnsEveryTenthCorpusDocumentIntoAQueryJudgedBySameIntent() throws IOException {
        writeHoldoutSet();
        var dataset = BeirDataset.load(dir, BeirDataset.HOLDOUT_SPLIT);

        assertThat(dataset.split()).isEqualTo("holdout");
        assertThat(dataset.relevance()).isEqualTo(Relevance.SAME_INTENT);
        assertThat(dataset.queries()).extracting(Query::id).containsExactly("doc10", "doc20");
        assertThat(dataset.queries().getFirst().text()).isEqualTo("question 10");
        assertThat(dataset.queries().getFirst().intent()).contains("b");
        assertThat(dataset.queries().getFirst().metadata()).containsEntry("split", "holdout");
        // Held-out documents leave the corpus, so a query never finds itself.
        assertThat(dataset.corpus()).hasSize(21).extracting(CorpusDoc::id).doesNotContain("doc10", "doc20");
        assertThat(dataset.qrels().judgments("doc10").keySet())
                .containsExactly("doc9", "doc11", "doc12", "doc13", "doc14", "doc15", "doc16");
        assertThat(dataset.qrels().judgments("doc20").keySet())
                .containsExactly("doc17", "doc18", "doc19", "doc21", "doc22");
        assertThat(dataset.qrels().queryIds()).doesNotContain("t1");
        assertThat(dataset.splitDescription()).startsWith("holdout: every 10th corpus document");
    }

    @Test
    void theTenHoldoutFoldsMakeEveryCorpusDocumentAQueryExactlyOnce() throws IOException {
        writeHoldoutSet();
        var fold3 = BeirDataset.load(dir, "holdout-3");
        assertThat(fold3.split()).isEqualTo("holdout-3");
        assertThat(fold3.queries()).extracting(Query::id).containsExactly("doc3", "doc13");
        assertThat(fold3.queries().getFirst().metadata()).containsEntry("split", "holdout-3");
        // doc23 (position 23) is held out too, but intent d has nothing left to find, so it is no query.
        assertThat(fold3.corpus()).hasSize(20).extracting(CorpusDoc::id).doesNotContain("doc3", "doc13", "doc23")
                .contains("doc10", "doc20");
        assertThat(fold3.qrels().judgments("doc13").keySet())
                .containsExactly("doc9", "doc10", "doc11", "doc12", "doc14", "doc15", "doc16");
        assertThat(fold3.splitDescription()).startsWith("holdout-3: every corpus document at a position p with p mod 10 = 3");
        assertThat(BeirDataset.load(dir, "holdout-0").queries()).extracting(Query::id)
                .isEqualTo(BeirDataset.load(dir, "holdout").queries().stream().map(Query::id).toList());

        var queried = new java.util.ArrayList<String>();
        for (int fold = 0; fold < 10; fold++) {
            BeirDataset.load(dir, "holdout-" + fold).queries().forEach(q -> queried.add(q.id()));
        }
        // doc23 is intent d's only document: with it out, nothing is left to find, so no fold asks it.
        assertThat(queried).hasSize(22).doesNotHaveDuplicates().doesNotContain("doc23");
        assertThat(BeirDataset.isHoldout("holdout-10")).isFalse();
        assertThatThrownBy(() -> BeirDataset.load(dir, "holdout-x")).isInstanceOf(IOException.class);
    }

    @Test
    void holdoutQueryWhoseIntentHasNoOtherDocumentIsLeftOut() throws IOException {
        writeHoldoutSet();
        // Move the lone intent d to position 20: its query would have nothing to find.
        var lines = Files.readAllLines(dir.resolve("corpus.jsonl"));
        String twentieth = lines.get(19);
        lines.set(19, lines.get(22));
        lines.set(22, twentieth);
        Files.write(dir.resolve("corpus.jsonl"), lines);

        var dataset = BeirDataset.load(dir, "holdout", Relevance.SAME_INTENT);

        assertThat(dataset.queries()).extracting(Query::id).containsExactly("doc10");
        assertThat(dataset.corpus()).extracting(CorpusDoc::id).contains("doc20").doesNotContain("doc23", "doc10");
    }

    @Test
    void holdoutSplitNeedsAnIntentOnEveryCorpusDocument() throws IOException {
        write("corpus.jsonl",
                "{\"_id\": \"c1\", \"text\": \"card late\", \"metadata\": {\"intent\": \"card_arrival\"}}",
                "{\"_id\": \"c2\", \"text\": \"no label\"}");
        assertThatThrownBy(() -> BeirDataset.load(dir, "holdout"))
                .isInstanceOf(IOException.class).hasMessageContaining("'c2'").hasMessageContaining("line 2")
                .hasMessageContaining("metadata.intent");
        assertThatThrownBy(() -> BeirDataset.load(dir, "holdout", Relevance.QRELS_FILE))
                .isInstanceOf(IOException.class).hasMessageContaining("no qrels file");
    }

    @Test
    void testSplitDescriptionNamesItsQrelsFile() throws IOException {
        writeAdHocSet();
        assertThat(BeirDataset.load(dir).splitDescription()).isEqualTo("test: queries.jsonl judged by qrels/test.tsv");
    }

    @Test
    void byIntentMarksEveryDocumentWithTheQueryIntentRelevant() {
        var corpus = List.of(new CorpusDoc("a", "", "x", Map.of("intent", "i1")),
                new CorpusDoc("b", "", "y", Map.of("intent", "i2")),
                new CorpusDoc("c", "", "z", Map.of("intent", "i1")),
                new CorpusDoc("d", "", "w", Map.of()));
        var queries = List.of(new Query("q1", "?", Map.of("intent", "i1")), new Query("q2", "?", Map.of()));
        var qrels = Qrels.byIntent(corpus, queries);
        assertThat(qrels.asMap()).containsExactly(Map.entry("q1", Map.of("a", 1, "c", 1)));
        assertThat(qrels.relevantCount("q1")).isEqualTo(2);
    }

    @Test
    void qrelsWithoutHeaderLoadToo() throws IOException {
        write("qrels/x.tsv", "q1\td1\t1", "q1\td2\t3");
        assertThat(Qrels.read(dir.resolve("qrels/x.tsv")).judgments("q1"))
                .containsExactly(Map.entry("d1", 1), Map.entry("d2", 3));
    }

    @Test
    void malformedQrelsLineNamesFileAndLine() throws IOException {
        write("qrels/test.tsv", "query-id\tcorpus-id\tscore", "q1\td1\t1", "q1 d2 1");
        assertThatThrownBy(() -> Qrels.read(dir.resolve("qrels/test.tsv")))
                .isInstanceOf(IOException.class).hasMessageContaining("test.tsv line 3");
    }

    @Test
    void malformedJsonNamesFileAndLine() throws IOException {
        writeAdHocSet();
        write("corpus.jsonl", "{\"_id\": \"d1\", \"text\": \"ok\"}", "{\"_id\": \"d2\", \"text\": ");
        assertThatThrownBy(() -> BeirDataset.load(dir))
                .isInstanceOf(IOException.class).hasMessageContaining("corpus.jsonl line 2");
    }

    @Test
    void documentWithoutIdIsRejected() throws IOException {
        writeAdHocSet();
        write("corpus.jsonl", "{\"title\": \"t\", \"text\": \"no id\"}");
        assertThatThrownBy(() -> BeirDataset.load(dir))
                .isInstanceOf(IOException.class).hasMessageContaining("line 1").hasMessageContaining("\"_id\"");
    }

    @Test
    void qrelsNamingAnUnknownQueryAreRejected() throws IOException {
        writeAdHocSet();
        write("qrels/test.tsv", "query-id\tcorpus-id\tscore", "q404\td1\t1");
        assertThatThrownBy(() -> BeirDataset.load(dir))
                .isInstanceOf(IOException.class).hasMessageContaining("q404");
    }

    @Test
    void failsWhenThereIsNeitherQrelsFileNorIntent() throws IOException {
        writeAdHocSet();
        assertThatThrownBy(() -> BeirDataset.load(dir, "dev"))
                .isInstanceOf(IOException.class).hasMessageContaining("dev.tsv").hasMessageContaining("metadata.intent");
    }

    @Test
    void streamsTheCorpusLazilyAndReportsErrorsWhileReading() throws IOException {
        write("corpus.jsonl", "{\"_id\": \"d1\", \"text\": \"one\"}", "not json");
        try (var docs = BeirDataset.streamCorpus(dir.resolve("corpus.jsonl"))) {
            var iterator = docs.iterator();
            assertThat(iterator.next().id()).isEqualTo("d1");
            assertThatThrownBy(iterator::hasNext).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("line 2");
        }
    }
}
