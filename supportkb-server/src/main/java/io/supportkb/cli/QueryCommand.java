package io.supportkb.cli;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/** {@code kb query}: asks a collection a question and shows the hits with their score breakdown. */
@Command(name = "query", mixinStandardHelpOptions = true,
        header = "Search a collection; hits with their score breakdown.",
        description = {"Search a collection: hybrid (vector + keyword, fused by reciprocal rank), vector or keyword. "
                + "Shows each hit's fused score, cosine and BM25 score, title and a snippet; --json prints the "
                + "server's answer as is.",
                "Example:",
                "  kb query \"How do I fix error PX-1042?\" --collection demo"})
class QueryCommand extends ApiCommand {

    static final Set<String> MODES = Set.of("hybrid", "vector", "keyword");

    @Parameters(arity = "1..*", paramLabel = "QUESTION", description = "the question (quoted, or as several words)")
    List<String> words;

    @Option(names = {"-c", "--collection"}, required = true, description = "collection to search")
    String collection;

    @Option(names = {"-k", "--top-k"}, defaultValue = "5", description = "documents to return (default: ${DEFAULT-VALUE})")
    int topK;

    @Option(names = "--mode", defaultValue = "hybrid", description = "hybrid | vector | keyword (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--kind", description = "only documents of these kinds (article, faq, ticket, runbook, other)")
    List<String> kinds;

    @Option(names = "--tag", description = "only documents with these tags")
    List<String> tags;

    @Option(names = "--chunks-per-document", description = "passages returned per document (default: the server's)")
    Integer chunksPerDocument;

    @Option(names = "--json", description = "print the server's JSON answer")
    boolean json;

    @Override
    int run(KbClient client) {
        String question = question();
        String wanted = wantedMode();
        String path = "/api/v1/collections/" + KbClient.encode(collection) + "/query";
        long started = System.nanoTime();
        String answer;
        try {
            answer = client.postJsonRaw(path, request(question, wanted).toString());
        } catch (ApiProblem e) {
            if (e.status() == 404 && !e.slug().equals("unknown-collection")) {
                throw new IllegalStateException("The server at " + client.base() + " has no query API (" + e.getMessage()
                        + "). Is it an older SupportKB?", e);
            }
            throw e;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (json) {
            System.out.println(Json.parse(answer).isPresent() ? Json.parse(answer).pretty() : answer);
            return 0;
        }
        new HitTable(Json.parse(answer)).print(System.out, question, collection, wanted, millis);
        return 0;
    }

    String question() {
        return String.join(" ", words);
    }

    /** The --mode option, lower-cased and checked. */
    String wantedMode() {
        String wanted = mode.toLowerCase(Locale.ROOT);
        if (!MODES.contains(wanted)) {
            throw new IllegalArgumentException("--mode must be hybrid, vector or keyword (was " + mode + ")");
        }
        return wanted;
    }

    ObjectNode request(String question, String wantedMode) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("query", question);
        body.put("topK", topK);
        body.put("mode", wantedMode);
        if (chunksPerDocument != null) {
            body.put("chunksPerDocument", chunksPerDocument);
        }
        if ((kinds != null && !kinds.isEmpty()) || (tags != null && !tags.isEmpty())) {
            ObjectNode filters = body.putObject("filters");
            if (kinds != null && !kinds.isEmpty()) {
                kinds.forEach(filters.putArray("kind")::add);
            }
            if (tags != null && !tags.isEmpty()) {
                tags.forEach(filters.putArray("tags")::add);
            }
        }
        return body;
    }
}
