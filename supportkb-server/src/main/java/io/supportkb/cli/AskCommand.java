package io.supportkb.cli;

import java.io.PrintStream;
import java.util.Locale;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ObjectNode;

/** {@code kb ask}: a grounded answer with its citations, then the hits it rests on. */
@Command(name = "ask", mixinStandardHelpOptions = true,
        header = "Ask a collection; a grounded answer with citations, then the hits.",
        description = {"Asks for an answer beside the hits (answer: true). The server's answerer quotes the best "
                + "sentences (extractive, the default) or has a local language model write them; every sentence "
                + "cites the passages it rests on, and sentences the citation check cannot support are flagged. "
                + "--stream prints the answer as it is generated (Server-Sent Events).",
                "Example:",
                "  kb ask \"Can I get a refund on an annual plan?\" --collection demo"})
final class AskCommand extends QueryCommand {

    @Option(names = "--stream", description = "print the answer while it is generated")
    boolean stream;

    @Override
    int run(KbClient client) {
        String question = question();
        String wanted = wantedMode();
        ObjectNode body = request(question, wanted).put("answer", true);
        String path = "/api/v1/collections/" + KbClient.encode(collection) + "/query";
        long started = System.nanoTime();
        Json result;
        if (stream && !json) {
            Json[] last = {Json.MISSING};
            System.out.println("Answer:");
            client.postJsonEvents(path, body.toString(), (event, data) -> {
                switch (event) {
                    case "token" -> {
                        System.out.print(Json.parse(data).text("text", ""));
                        System.out.flush();
                    }
                    case "result" -> last[0] = Json.parse(data);
                    case "error" -> throw ApiProblem.of(500, Json.parse(data));
                    default -> { }
                }
            });
            System.out.println();
            result = last[0];
        } else {
            String raw = client.postJsonRaw(path, body.toString());
            if (json) {
                System.out.println(Json.parse(raw).isPresent() ? Json.parse(raw).pretty() : raw);
                return 0;
            }
            result = Json.parse(raw);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        printAnswer(result.at("answer"), System.out, !stream);
        new HitTable(result).print(System.out, question, collection, wanted, millis);
        return "FAILED".equals(result.text("answer.status", "")) ? 1 : 0;
    }

    static void printAnswer(Json answer, PrintStream out, boolean withText) {
        String status = answer.text("status", "?");
        out.printf(Locale.ROOT, "%n%s — %s (%s, model %s)%n", switch (status) {
            case "ANSWERED" -> answer.flag("check.passed") ? "Answer, every sentence supported by its citation"
                    : "Answer, some sentences NOT supported by their citations (marked !)";
            case "NOT_ENOUGH_INFORMATION" -> "No answer";
            default -> "Answer failed";
        }, answer.text("reason", ""), answer.text("answerer", "?"), answer.text("modelId", "?"));
        if (answer.text("error") != null) {
            out.println("  error: " + answer.text("error"));
        }
        if (withText && answer.text("text") != null) {
            out.println();
            out.println("  " + answer.text("text"));
        }
        if (!answer.items("sentences").isEmpty()) {
            out.println();
            out.println("Citations:");
        }
        for (Json sentence : answer.items("sentences")) {
            String mark = sentence.flag("supported") ? " " : "!";
            for (Json citation : sentence.items("citations")) {
                out.printf(Locale.ROOT, " %s[%s] chars %s–%s of %s: \"%s\"%n", mark, citation.text("passage", "?"),
                        citation.text("charStart", "?"), citation.text("charEnd", "?"),
                        citation.text("documentId", "?"), ellipsis(citation.text("quote", ""), 160));
            }
            if (sentence.items("citations").isEmpty()) {
                out.printf(Locale.ROOT, " %s(no valid citation) \"%s\"%n", mark, ellipsis(sentence.text("text", ""), 160));
            }
        }
    }

    private static String ellipsis(String text, int max) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }
}
