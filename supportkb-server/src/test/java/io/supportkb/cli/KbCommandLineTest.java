package io.supportkb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.supportkb.SupportKbApplication;

/** The command line without a server: dispatch, help, argument handling and rendering. */
class KbCommandLineTest {

    @TempDir
    Path temp;

    @Test
    void kbWithoutArgumentsPrintsHelpAndStartsNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exitCode;
        long started = System.nanoTime();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exitCode = new Kb(SupportKbApplication.class).execute(); // what main runs before System.exit
        } finally {
            System.setOut(original);
        }
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).isZero();
        assertThat(help).startsWith("Usage: kb").contains("demo", "serve", "worker", "ingest", "query", "status",
                "reindex", "eval", "bench");
        assertThat(help).doesNotContain("Started SupportKbApplication", ":: Spring Boot ::");
        assertThat(System.nanoTime() - started).as("no application context was started").isLessThan(3_000_000_000L);
    }

    @Test
    void theApplicationMainWithoutArgumentsPrintsHelpAndExits() throws Exception {
        Process kb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SupportKbApplication.class.getName())
                .redirectErrorStream(true).start();
        boolean exited = kb.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            kb.destroyForcibly();
        }
        String output = new String(kb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("main returned instead of serving").isTrue();
        assertThat(kb.exitValue()).isZero();
        assertThat(output).startsWith("Usage: kb").doesNotContain(":: Spring Boot ::", "Tomcat");
    }

    @Test
    void evalWithoutUrlIsTheInProcessEval() {
        KbRun run = KbRun.of("eval", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: kb eval", "--dataset", "--model", "--chunk-tokens");
    }

    @Test
    void evalWithUrlIsTheHttpEval() {
        KbRun run = KbRun.of("eval", "--url", "http://localhost:1", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: kb eval", "--url", "--collection", "--fresh").doesNotContain("--chunk-tokens");
        assertThat(KbRun.of("eval", "--help").out()).contains("With --url URL");
    }

    @Test
    void aCommandAgainstNoServerSaysWhichUrlAndHowToStartOne() throws IOException {
        String url = "http://127.0.0.1:" + freePort();
        KbRun run = KbRun.of("status", "--url", url);
        assertThat(run.exitCode()).isEqualTo(ApiCommand.UNREACHABLE);
        assertThat(run.err()).contains("No SupportKB server answers at " + url, "./kb serve", "./kb demo");
    }

    @Test
    void ingestRefusesAnUnknownKindBeforeUploading() throws IOException {
        Files.writeString(temp.resolve("a.md"), "# A\n\ntext");
        KbRun run = KbRun.of("ingest", temp.toString(), "--collection", "c", "--kind", "manual",
                "--url", "http://127.0.0.1:" + freePort());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--kind must be one of article, faq, ticket, runbook, other");
    }

    @Test
    void benchPassesItsArgumentsThroughAndReportsABadOption() {
        KbRun run = KbRun.of("bench", "search", "--no-such-option", "1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown option '--no-such-option'", "--part");
        assertThat(KbRun.of("bench", "embedding", "--help").out()).contains("--passages");
    }

    @Test
    void springArgumentsPassThroughExceptThoseACommandFixes() {
        List<String> args = SpringServer.arguments(
                List.of("--spring.profiles.active=mysql,redis", "--supportkb.roles=api", "--server.port=9090"),
                WorkerCommand.FIXED);
        assertThat(args).contains("--spring.profiles.active=mysql,redis", "--server.port=9090",
                "--supportkb.roles=worker", "--spring.main.web-application-type=none");
        assertThat(args).doesNotContain("--supportkb.roles=api");
    }

    @Test
    void aHitTableShowsScoresTitleAndSnippetAndToleratesMissingFields() {
        String longText = "Intro words. ".repeat(30) + "Open the Sync Agent and set Print mode back to Direct to fix PX-1042.";
        Json answer = Json.parse("""
                {"hits":[
                  {"documentId":"d1","externalId":"articles/sync.md","title":"Sync Agent troubleshooting","kind":"article",
                   "scores":{"vectorCosine":0.8123,"vectorRank":1,"bm25Score":12.41,"bm25Rank":2,"fusedScore":0.0325},
                   "chunks":[{"text":%s,"highlights":[{"start":0,"end":7,"term":"px-1042"}]}]},
                  {"documentId":"d2","title":"Only a title"}
                ],
                 "cache":"miss","traceId":"t-1","noGoodMatch":true,"unknownField":{"x":1}}
                """.formatted(Json.MAPPER.writeValueAsString(longText)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new HitTable(answer).print(new PrintStream(bytes, true, StandardCharsets.UTF_8), "fix PX-1042", "demo", "hybrid", 12);
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("2 hits", "0.0325", "0.8123", "12.41", "Sync Agent troubleshooting [articles/sync.md]",
                "Only a title", "cache: miss", "trace: t-1", "no good match");
        assertThat(table).contains("...").contains("PX-1042");
        assertThat(table.lines().filter(l -> l.contains("Only a title")).findFirst().orElseThrow()).contains(" -  ");
    }

    @Test
    void aSnippetIsAboutAHundredAndSixtyCharacters() {
        String snippet = HitTable.snippet("word ".repeat(200), null);
        assertThat(snippet.length()).isBetween(150, HitTable.SNIPPET_CHARS + 3);
    }

    @Test
    void theDemoSuggestsOnTopicQuestionsFromItsReadme() throws IOException {
        Files.writeString(temp.resolve("README.md"), """
                # Demo
                ## Example questions
                | # | Question | Answered by |
                |---|----------|-------------|
                | 1 | How do I fix error PX-1042? | `articles/a.md` |
                | 2 | How do I connect my smart thermostat to Wi-Fi? | *Off-topic: nothing answers it* |
                | 3 | Can I get a refund? | `articles/refund.md` |
                ## Reference facts
                | 4 | Not a question | x |
                """);
        assertThat(new DemoKnowledgeBase(temp).exampleQuestions(3))
                .containsExactly("How do I fix error PX-1042?", "Can I get a refund?");
    }

    @Test
    void aMissingDemoFolderIsAClearError() {
        KbRun run = KbRun.of("demo", "--source", temp.resolve("nowhere").toString(), "--port", "0");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("No demo knowledge base at", "--source");
    }

    @Test
    void jsonLinesBatchesKeepFileLineNumbers() throws IOException {
        Path file = temp.resolve("t.jsonl");
        Files.writeString(file, "{\"a\":1}\n\n{\"a\":2}\r\n{\"a\":3}");
        try (JsonLinesBatches batches = new JsonLinesBatches(file, 2, 1 << 20, l -> l)) {
            JsonLinesBatches.Batch first = batches.next();
            JsonLinesBatches.Batch second = batches.next();
            assertThat(first.firstLine()).isEqualTo(1);
            assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n\n");
            assertThat(second.firstLine()).isEqualTo(3);
            assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":2}\n{\"a\":3}\n");
            assertThat(batches.next()).isNull();
        }
        assertThat(JsonLinesBatches.countRecords(file)).isEqualTo(3);
    }

    @Test
    void anEvalCollectionIdIsValidForAnyDatasetName() {
        assertThat(HttpEvalCommand.collectionId("eval-SciFact v2")).isEqualTo("eval-scifact-v2");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
