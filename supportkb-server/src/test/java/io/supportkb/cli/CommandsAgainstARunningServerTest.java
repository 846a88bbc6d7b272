package io.supportkb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The HTTP commands against the embedded application on a random port, with the real embedding model: they run in
 * this process as {@code ./kb} runs them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "supportkb.data-dir=./target/test-data/${random.uuid}")
class CommandsAgainstARunningServerTest {

    @LocalServerPort
    int port;

    @TempDir
    Path temp;

    String url;

    @BeforeEach
    void url() {
        url = "http://localhost:" + port;
    }

    @Test
    void ingestUploadsAFolderWaitsForIndexingAndReportsTheMalformedLine() throws IOException {
        Path docs = Files.createDirectories(temp.resolve("docs"));
        Files.writeString(docs.resolve("returns.md"), """
                # Returns

                Customers print a return label from the returns portal within 30 days of delivery.
                """);
        Files.writeString(docs.resolve("pickup.md"), """
                # Pickup scheduling

                Book a carrier pickup before 2 pm for same-day collection.
                """);
        Files.writeString(docs.resolve(".hidden.md"), "# Hidden\n\nnever uploaded");
        Files.writeString(docs.resolve("faq.jsonl"), """
                {"externalId":"faq-1","title":"Refunds","text":"Annual plans are refunded in full within 30 days."}
                {"externalId":"faq-2","title":"Broken line","text":
                {"externalId":"faq-3","subject":"Label not printing","messages":[{"role":"customer","body":"My label does not print."},{"role":"agent","body":"Set the print mode to Direct."}],"resolution":"Print mode reset."}
                """);

        KbRun run = KbRun.of("ingest", docs.toString(), "--collection", "cli-ingest", "--create", "--url", url);

        assertThat(run.exitCode()).as("a line failed").isEqualTo(1);
        assertThat(run.out()).contains("Created collection 'cli-ingest'", "indexed     4", "duplicates  0",
                "failed      1", "faq.jsonl:2: Malformed JSON");
        assertThat(run.err()).contains("uploading 5/5", "indexing 4/4");

        KbRun again = KbRun.of("ingest", docs.resolve("returns.md").toString(), "--collection", "cli-ingest", "--url", url);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("indexed     0", "duplicates  1", "failed      0");
    }

    @Test
    void ingestIntoAMissingCollectionAsksForCreate() throws IOException {
        Path file = Files.writeString(temp.resolve("a.md"), "# A\n\nSome text.");
        KbRun run = KbRun.of("ingest", file.toString(), "--collection", "cli-missing", "--url", url);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("There is no collection 'cli-missing'", "--create");
    }

    @Test
    void statusShowsHealthAndCollectionCounts() throws IOException {
        Path file = Files.writeString(temp.resolve("status.md"), "# Status\n\nA document for the status test.");
        KbRun.of("ingest", file.toString(), "--collection", "cli-status", "--create", "--url", url);

        KbRun all = KbRun.of("status", "--url", url);
        assertThat(all.exitCode()).isZero();
        assertThat(all.out()).contains("server  " + url + "  UP", "db", "model", "index", "cli-status");

        KbRun one = KbRun.of("status", "--collection", "cli-status", "--url", url);
        assertThat(one.exitCode()).isZero();
        assertThat(one.out()).contains("collection 'cli-status'", "INDEXED=1", "pending 0");
    }

    @Test
    void demoLoadsAKnowledgeBaseFolderAndPrintsExampleCommands() throws IOException {
        Path demo = Files.createDirectories(temp.resolve("demo"));
        Files.createDirectories(demo.resolve("articles"));
        Files.writeString(demo.resolve("articles/labels.md"), "# Printing labels\n\nPX-1042 means the label was bought "
                + "but not printed: set the Sync Agent print mode to Direct.");
        Files.writeString(demo.resolve("faq.md"), "# FAQ\n\n## Can I get a refund?\n\nAnnual plans within 30 days.");
        Files.writeString(demo.resolve("tickets.jsonl"), "{\"externalId\":\"T-1\",\"subject\":\"Label not printed\","
                + "\"messages\":[{\"role\":\"customer\",\"body\":\"PX-1042 again\"}],\"resolution\":\"Print mode reset.\"}\n");
        Files.writeString(demo.resolve("queries.jsonl"), "{\"_id\":\"q1\",\"text\":\"not uploaded\"}\n");
        Files.writeString(demo.resolve("README.md"), """
                ## Example questions
                | # | Question | Answered by |
                |---|----------|-------------|
                | 1 | How do I fix error PX-1042? | `articles/labels.md` |
                | 2 | Can I get a refund? | `faq.md` |
                | 3 | Which vaccines does my dog need? | *Off-topic* |
                """);

        KbRun run = KbRun.of("demo", "--source", demo.toString(), "--collection", "cli-demo", "--url", url);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Created collection 'cli-demo'", "Uploading 3 files", "indexed     3",
                "failed      0", "./kb query \"How do I fix error PX-1042?\" --collection cli-demo --url " + url,
                "./kb query \"Can I get a refund?\"", "curl -s -X POST " + url + "/api/v1/collections/cli-demo/query")
                .doesNotContain("vaccines");

        KbRun again = KbRun.of("demo", "--source", demo.toString(), "--collection", "cli-demo", "--url", url);
        assertThat(again.out()).contains("exists: uploading again", "indexed     0", "duplicates  3");
    }

    @Test
    void queryShowsTheServersProblemForAnUnknownCollection() {
        KbRun run = KbRun.of("query", "anything", "--collection", "cli-nowhere", "--url", url);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cli-nowhere");
    }

    @Test
    void queryPrintsATableOfHitsWithScores() throws IOException {
        Path file = Files.writeString(temp.resolve("px.md"), "# Sync Agent troubleshooting\n\nError PX-1042 means the "
                + "label was bought but not printed. Set the print mode back to Direct.");
        KbRun.of("ingest", file.toString(), "--collection", "cli-query", "--create", "--url", url);

        KbRun table = KbRun.of("query", "How do I fix error PX-1042?", "--collection", "cli-query", "--url", url);
        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).contains("1 hits", "fused", "cosine", "bm25", "Sync Agent troubleshooting", "PX-1042",
                "cache: miss");

        KbRun json = KbRun.of("query", "How do I fix error PX-1042?", "--collection", "cli-query", "--json", "--url", url);
        assertThat(json.exitCode()).isZero();
        assertThat(Json.parse(json.out()).items("hits")).hasSize(1);
        assertThat(Json.parse(json.out()).text("cache")).isEqualTo("hit");
    }

    @Test
    void askPrintsAnAnswerWithItsCitationsPlainAndStreamed() throws IOException {
        Path file = Files.writeString(temp.resolve("void.md"), "# Voiding labels\n\nA label can be voided within 30 "
                + "days of purchase if it was not scanned by the carrier. Open Shipments, select the label and click "
                + "Void. The postage is refunded to your balance within two business days.");
        KbRun.of("ingest", file.toString(), "--collection", "cli-ask", "--create", "--url", url);

        KbRun plain = KbRun.of("ask", "How long do I have to void a label?", "--collection", "cli-ask", "--url", url);
        assertThat(plain.exitCode()).as(plain.out() + plain.err()).isZero();
        assertThat(plain.out()).contains("Answer, every sentence supported by its citation", "extractive",
                "within 30 days of purchase", "[1] chars", "Citations:", "1 hits");

        KbRun streamed = KbRun.of("ask", "How long until the postage of a voided label is refunded?", "--collection",
                "cli-ask", "--stream", "--url", url);
        assertThat(streamed.exitCode()).as(streamed.out() + streamed.err()).isZero();
        assertThat(streamed.out()).contains("Answer:", "two business days", "[1]", "Citations:");

        KbRun offTopic = KbRun.of("ask", "Who won the football world cup in 1998?", "--collection", "cli-ask",
                "--url", url);
        assertThat(offTopic.out()).contains("No answer", "Not enough information");
    }

    @Test
    void evalOverHttpWritesTheInProcessReport() throws IOException {
        Path beir = TinyBeir.write(temp.resolve("tiny"));
        Path out = temp.resolve("report");

        KbRun run = KbRun.of("eval", "--url", url, "--dataset", beir.toString(), "--out", out.toString());

        assertThat(run.exitCode()).isZero();
        Json report = Json.parse(Files.readString(out.resolve("report.json")));
        assertThat(report.text("dataset")).isEqualTo("tiny");
        assertThat(report.count("counts.documents")).isEqualTo(4);
        assertThat(report.items("modes")).extracting(m -> m.text("mode")).containsExactly("vector", "keyword", "hybrid");
        for (Json mode : report.items("modes")) {
            assertThat(mode.number("metrics.NDCG@10").orElse(0)).as(mode.text("mode")).isGreaterThan(0);
        }
        assertThat(out.resolve("report.md")).exists();
        assertThat(Files.readAllLines(out.resolve("run-hybrid.trec"))).isNotEmpty();
    }
}
