package io.supportkb.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

import io.supportkb.indexing.LiveIndex;

/**
 * {@code kb reindex}: rebuilds this node's Lucene index from the chunks and embeddings stored in the database,
 * without re-embedding. Runs offline (no web server, no worker), so stop the server using the same index first.
 */
@Command(name = "reindex", mixinStandardHelpOptions = true,
        header = "Rebuild this node's search index from the database.",
        description = {"Rebuild this node's search index from the database (stored chunks and embeddings; nothing is "
                + "re-embedded). Stop the server that uses the same data folder first.",
                "Examples:",
                "  kb reindex",
                "  kb reindex --supportkb.data-dir=./data/demo",
                "  kb reindex --spring.profiles.active=mysql"})
final class ReindexCommand implements Callable<Integer> {

    static final Map<String, String> FIXED = Map.of(
            "spring.main.web-application-type", "none",
            "supportkb.roles", "api",
            "supportkb.indexing.worker-threads", "0");

    @ParentCommand
    Kb kb;

    @Unmatched
    List<String> springArgs;

    @Override
    public Integer call() {
        System.out.println("reindex: opening the database and this node's index (no web server, no worker)...");
        long started = System.nanoTime();
        SpringServer server;
        try {
            server = SpringServer.start(kb.application(), springArgs, SpringServer.QUIET, FIXED);
        } catch (RuntimeException e) {
            System.err.println("kb: reindex could not open the database or the index: " + ServeCommand.rootMessage(e)
                    + System.lineSeparator() + "    Is a server using the same data folder still running? Stop it first.");
            return 1;
        }
        try {
            LiveIndex index = server.context().getBean(LiveIndex.class);
            long opened = System.nanoTime();
            System.out.printf(Locale.ROOT, "opened in %.1f s (the index caught up with the database at start)%n",
                    seconds(opened - started));
            int changes = index.rebuild();
            long rebuilt = System.nanoTime();
            System.out.printf(Locale.ROOT, "rebuilt the index from the database: %d changes replayed in %.1f s, "
                    + "generation %d (no re-embedding)%n", changes, seconds(rebuilt - opened), index.appliedGeneration());
            return 0;
        } finally {
            server.stop();
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
