package io.supportkb.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kb ingest}: uploads files, folders and JSON Lines files into a collection of a running server, shows
 * progress while uploading and indexing, and summarises what was indexed, what was a duplicate and what failed
 * and why. Exit code 1 when anything failed.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        header = "Upload files, folders and JSON Lines into a collection.",
        description = {"Upload files, folders (recursively, hidden files skipped) and JSON Lines files (.jsonl, "
                + "documents or tickets, one per line) into a collection, wait for indexing and summarise: indexed, "
                + "duplicates, failed with reasons. Exit code 1 when anything failed.",
                "Files: PDF, DOCX, HTML, Markdown, plain text, e-mail. A file's external id is its path relative to "
                        + "the folder given, so uploading an edited file again replaces the old version.",
                "Example:",
                "  kb ingest ./help-centre ./tickets.jsonl --collection support --create"})
final class IngestCommand extends ApiCommand {

    static final Set<String> KINDS = Set.of("article", "faq", "ticket", "runbook", "other");

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "files, folders or .jsonl files")
    List<Path> paths;

    @Option(names = {"-c", "--collection"}, required = true, description = "target collection")
    String collection;

    @Option(names = "--kind", description = "article | faq | ticket | runbook | other, for files and for JSON Lines "
            + "documents without one (default: the server's, article)")
    String kind;

    @Option(names = "--create", description = "create the collection if it does not exist")
    boolean create;

    @Option(names = "--no-wait", description = "upload only; do not wait for indexing")
    boolean noWait;

    @Override
    int run(KbClient client) {
        if (kind != null && !KINDS.contains(kind.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("--kind must be one of article, faq, ticket, runbook, other (was " + kind + ")");
        }
        List<Source> sources = Source.discover(paths, kind == null ? null : kind.toLowerCase(Locale.ROOT));
        if (sources.isEmpty()) {
            System.err.println("kb: nothing to upload in " + paths);
            return 1;
        }
        if (client.collection(collection).isEmpty()) {
            if (!create) {
                throw new IllegalArgumentException("There is no collection '" + collection + "' at " + client.base()
                        + ". Add --create to create it.");
            }
            client.createCollection(collection, null);
            System.out.println("Created collection '" + collection + "'.");
        }
        long batches = sources.stream().filter(Source::jsonLines).count();
        System.out.printf(Locale.ROOT, "Uploading %d files%s into '%s' at %s ...%n", sources.size(),
                batches == 0 ? "" : " (" + batches + " JSON Lines)", collection, client.base());
        long started = System.nanoTime();
        IngestSummary summary = new Ingestion(client, System.err).run(collection, sources, !noWait);
        System.out.printf(Locale.ROOT, "Done in %.1f s:%n", (System.nanoTime() - started) / 1e9);
        summary.print(System.out);
        return summary.failures().isEmpty() ? 0 : 1;
    }
}
