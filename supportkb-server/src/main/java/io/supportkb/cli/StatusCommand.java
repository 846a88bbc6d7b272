package io.supportkb.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kb status}: the server's health and its collections' document counts (or one collection's ingestion). */
@Command(name = "status", mixinStandardHelpOptions = true,
        header = "Show server health and document counts.",
        description = {"Show the server's health (database, model, index, Redis) and document counts per collection; "
                + "with --collection, that collection's ingestion progress and recent failures. Exit code 1 when the "
                + "server is not UP, 3 when it does not answer."})
final class StatusCommand extends ApiCommand {

    private static final Set<String> QUIET_COMPONENTS = Set.of("ping", "ssl", "livenessState");
    private static final Set<String> BYTE_COUNTS = Set.of("total", "free");
    private static final List<String> PENDING = List.of("RECEIVED", "QUEUED", "PROCESSING");

    @Option(names = {"-c", "--collection"}, description = "show this collection's ingestion in detail")
    String collection;

    @Override
    int run(KbClient client) {
        Json health = client.health();
        String status = health.text("status") == null ? "UNKNOWN" : health.text("status");
        System.out.println("server  " + client.base() + "  " + status);
        health.at("components").fields().forEach((name, component) -> {
            if (!QUIET_COMPONENTS.contains(name)) {
                System.out.printf(Locale.ROOT, "  %-15s %-5s %s%n", name, component.text("status", "-"),
                        details(component.at("details")));
            }
        });
        if (collection != null) {
            printCollection(client);
        } else {
            printCollections(client);
        }
        return "UP".equals(status) ? 0 : 1;
    }

    private void printCollections(KbClient client) {
        List<Json> items = client.get("/api/v1/collections").items("items");
        System.out.println();
        if (items.isEmpty()) {
            System.out.println("no collections yet (kb ingest PATH --collection NAME --create, or kb demo)");
            return;
        }
        System.out.printf(Locale.ROOT, "%-24s %9s %9s %9s %9s%n", "collection", "indexed", "pending", "failed", "deleted");
        for (Json c : items) {
            Json docs = c.at("documents");
            System.out.printf(Locale.ROOT, "%-24s %9d %9d %9d %9d%n", c.text("id"), docs.count("INDEXED"), pending(docs),
                    docs.count("FAILED"), docs.count("DELETED"));
        }
    }

    private void printCollection(KbClient client) {
        Json stats = client.ingestion(collection);
        Json docs = stats.at("documents");
        System.out.println();
        System.out.println("collection '" + collection + "'");
        StringBuilder counts = new StringBuilder("  documents ");
        docs.fields().forEach((state, n) -> counts.append(' ').append(state).append('=').append(n.asText()));
        System.out.println(counts);
        System.out.printf(Locale.ROOT, "  pending %d, %s docs/s, %s chunks/s over the last %s, ETA %s%n",
                stats.count("pending"), stats.text("documentsPerSecond", "-"), stats.text("chunksPerSecond", "-"),
                window(stats.text("window")), stats.text("etaSeconds") == null ? "-" : stats.text("etaSeconds") + " s");
        List<Json> failures = stats.items("recentFailures");
        if (!failures.isEmpty()) {
            System.out.println("  recent failures:");
            for (Json f : failures) {
                String name = f.text("externalId", f.text("documentId", "-"));
                System.out.printf(Locale.ROOT, "    %s (%s, %s attempts): %s%n", name, f.text("status", "-"),
                        f.text("attempts", "-"), f.text("error", "-"));
            }
        }
    }

    private static long pending(Json docs) {
        return PENDING.stream().mapToLong(docs::count).sum();
    }

    /** The rate window, an ISO-8601 duration ({@code PT1M}) or seconds, as {@code 60 s}. */
    private static String window(String value) {
        if (value == null) {
            return "-";
        }
        try {
            return Duration.parse(value).toSeconds() + " s";
        } catch (DateTimeParseException notIso) {
            return value.matches("[0-9.]+") ? value + " s" : value;
        }
    }

    /** Scalar details as {@code key=value}, byte counts in GB, long values shortened; nested objects are left out. */
    private static String details(Json details) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Json> e : details.fields().entrySet()) {
            if (e.getValue().isScalar()) {
                String value = e.getValue().asText();
                if (BYTE_COUNTS.contains(e.getKey()) && value.matches("\\d{10,}")) {
                    value = String.format(Locale.ROOT, "%.1fGB", Long.parseLong(value) / 1e9);
                }
                text.append(text.isEmpty() ? "" : " ").append(e.getKey()).append('=')
                        .append(value.length() > 40 ? value.substring(0, 37) + "..." : value);
            }
        }
        return text.toString();
    }
}
