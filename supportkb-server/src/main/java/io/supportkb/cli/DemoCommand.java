package io.supportkb.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/**
 * {@code kb demo}: zero-setup embedded server with the demo knowledge base loaded. Starts the application in this
 * process (roles api and worker, H2 and the index under the data folder), uploads {@code demo/} into the collection
 * {@code demo}, waits for indexing with a progress bar, prints example commands and serves until Ctrl-C. Running it
 * again uploads again: unchanged documents are duplicates and cost nothing.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Start an embedded server with the demo knowledge base (zero setup).",
        description = {"Start an embedded SupportKB (no MySQL, no Redis) with the demo knowledge base: a fictional "
                + "shipping app's help centre, FAQ, runbooks and 100 resolved tickets. Prints example queries, then "
                + "serves until Ctrl-C.",
                "With --url, loads the demo into a running server instead and exits."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--data-dir", defaultValue = "./data/demo",
            description = "where the H2 database and the index live (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--source", defaultValue = "demo", description = "the demo knowledge base folder (default: ${DEFAULT-VALUE})")
    Path source;

    @Option(names = "--collection", defaultValue = "demo", description = "collection to load (default: ${DEFAULT-VALUE})")
    String collection;

    @Option(names = "--url", paramLabel = "URL",
            description = "load the demo into the server at URL instead of starting one, then exit")
    String url;

    @Option(names = "--verbose", description = "show the server's log (default: warnings only)")
    boolean verbose;

    @ParentCommand
    Kb kb;

    @Unmatched
    List<String> springArgs;

    @Override
    public Integer call() throws InterruptedException {
        DemoKnowledgeBase kb = new DemoKnowledgeBase(source);
        List<Source> sources;
        try {
            sources = kb.sources();
        } catch (IllegalArgumentException e) {
            System.err.println("kb: " + e.getMessage());
            return 1;
        }
        SpringServer server = null;
        String base = url;
        if (base == null) {
            server = startServer();
            if (server == null) {
                return 1;
            }
            base = "http://localhost:" + server.port();
        }
        try {
            int failed = load(new KbClient(base), kb, sources);
            if (server == null) {
                return failed == 0 ? 0 : 1;
            }
            System.out.println("Serving at " + base + " until Ctrl-C.");
            server.awaitShutdown();
            return 0;
        } catch (ServerUnreachable | ApiProblem | IllegalStateException e) {
            System.err.println();
            System.err.println("kb: " + e.getMessage());
            if (server != null) {
                server.stop();
            }
            return e instanceof ServerUnreachable ? ApiCommand.UNREACHABLE : 1;
        }
    }

    private SpringServer startServer() {
        Path data = dataDir.toAbsolutePath().normalize(); // H2 wants an absolute path (or one starting with ./)
        System.out.println("Starting SupportKB in embedded mode (database and index under " + data + ") ...");
        Map<String, Object> defaults = verbose ? Map.of() : SpringServer.QUIET;
        Map<String, String> fixed = new LinkedHashMap<>();
        fixed.put("server.port", String.valueOf(port));
        fixed.put("supportkb.data-dir", data.toString());
        fixed.put("supportkb.roles", "api,worker");
        long started = System.nanoTime();
        try {
            SpringServer server = SpringServer.start(kb.application(), springArgs, defaults, fixed);
            System.out.printf(Locale.ROOT, "Server up at http://localhost:%d in %.1f s%n", server.port(),
                    (System.nanoTime() - started) / 1e9);
            return server;
        } catch (RuntimeException e) {
            System.err.println("kb: the demo server did not start: " + ServeCommand.rootMessage(e));
            if (port != 0) {
                System.err.println("    Is another SupportKB (or anything else) using port " + port
                        + " or the data folder? Stop it, or use --port 0 and another --data-dir.");
            }
            return null;
        }
    }

    /** Uploads the demo, waits for indexing, prints the summary and examples; returns the number of failures. */
    private int load(KbClient client, DemoKnowledgeBase kb, List<Source> sources) {
        long started = System.nanoTime();
        boolean created = client.createCollection(collection, "SupportKB demo: the Parcelly help centre (fictional)");
        System.out.println(created ? "Created collection '" + collection + "'."
                : "Collection '" + collection + "' exists: uploading again (unchanged documents are duplicates).");
        System.out.println("Uploading " + sources.size() + " files from " + kb.folder() + " ...");
        IngestSummary summary = new Ingestion(client, System.err).run(collection, sources, true);
        System.out.printf(Locale.ROOT, "Demo knowledge base loaded into '%s' in %.1f s:%n", collection,
                (System.nanoTime() - started) / 1e9);
        summary.print(System.out);
        printExamples(client.base().toString(), kb.exampleQuestions(3));
        return summary.failures().size();
    }

    private void printExamples(String base, List<String> questions) {
        List<String> asked = questions.isEmpty() ? List.of("your question") : questions;
        String urlOption = base.equals(KbClient.DEFAULT_URL) ? "" : " --url " + base;
        System.out.println();
        System.out.println("Try:");
        for (String question : asked) {
            System.out.println("  ./kb query " + ShellQuoting.doubleQuoted(question) + " --collection " + collection + urlOption);
        }
        System.out.println("  ./kb ask " + ShellQuoting.doubleQuoted(asked.get(0)) + " --collection " + collection + urlOption);
        String body = Json.MAPPER.createObjectNode().put("query", asked.get(0)).put("topK", 5).toString();
        System.out.println("  curl -s -X POST " + base + "/api/v1/collections/" + collection + "/query \\");
        System.out.println("       -H 'Content-Type: application/json' -d " + ShellQuoting.singleQuoted(body));
        String answer = Json.MAPPER.createObjectNode().put("query", asked.get(0)).put("answer", true).toString();
        System.out.println("  curl -sN -X POST " + base + "/api/v1/collections/" + collection + "/query \\");
        System.out.println("       -H 'Content-Type: application/json' -H 'Accept: text/event-stream' -d "
                + ShellQuoting.singleQuoted(answer));
        System.out.println("  curl -s " + base + "/api/v1/collections/" + collection + "/ingestion");
        System.out.println("  ./kb status --collection " + collection + urlOption);
        System.out.println("API docs: " + base + "/swagger-ui.html");
    }
}
