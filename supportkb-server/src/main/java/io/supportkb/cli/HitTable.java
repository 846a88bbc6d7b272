package io.supportkb.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * A query answer as a table: rank, fused score, vector cosine, BM25 score, kind and title, then a snippet of the
 * passage, and the answer's cache, trace and no-good-match facts. Reads the answer tolerantly: a score the server
 * did not send shows as {@code -}; passage text is taken from {@code chunk.text}, {@code text} or {@code snippet}.
 */
final class HitTable {

    static final int SNIPPET_CHARS = 160;
    private static final int TITLE_CHARS = 60;

    private final Json answer;

    HitTable(Json answer) {
        this.answer = answer;
    }

    void print(PrintStream out, String question, String collection, String mode, long millis) {
        List<Json> hits = answer.items("hits");
        out.printf(Locale.ROOT, "%d hits for %s in '%s' (%s, %d ms)%n", hits.size(), ShellQuoting.doubleQuoted(question),
                collection, mode, millis);
        if (!hits.isEmpty()) {
            out.printf(Locale.ROOT, "%3s  %-7s %-7s %-7s  %-8s %s%n", "#", "fused", "cosine", "bm25", "kind", "title");
        }
        int rank = 0;
        for (Json hit : hits) {
            rank++;
            out.printf(Locale.ROOT, "%3d  %-7s %-7s %-7s  %-8s %s%n", rank,
                    score(hit, "fusedScore", "score"), score(hit, "vectorCosine", "cosine"),
                    score(hit, "bm25Score", "bm25"), hit.text("kind", "-"), title(hit));
            String snippet = snippet(passage(hit), highlight(hit));
            if (!snippet.isEmpty()) {
                out.println("     " + snippet);
            }
        }
        StringBuilder facts = new StringBuilder();
        facts.append("cache: ").append(answer.text("cache", "-"));
        facts.append("  trace: ").append(answer.text("traceId", "-"));
        if (answer.flag("noGoodMatch")) {
            String reason = answer.text("noGoodMatchReason");
            facts.append(System.lineSeparator()).append("no good match: ").append(reason != null ? reason
                    : "nothing scored above the relevance threshold; the knowledge base may not cover this question");
        }
        out.println(facts);
    }

    /** A score from {@code scores.<name>}, or the hit itself, to 4 significant decimals; {@code -} when absent. */
    static String score(Json hit, String name, String alias) {
        OptionalDouble value = hit.number("scores." + name);
        for (String path : new String[] {name, "scores." + alias, alias}) {
            if (value.isEmpty()) {
                value = hit.number(path);
            }
        }
        if (value.isEmpty()) {
            return "-";
        }
        double v = value.getAsDouble();
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : Math.abs(v) >= 10 ? "%.2f" : "%.4f", v);
    }

    private static String title(Json hit) {
        String title = hit.text("title");
        String externalId = hit.text("externalId");
        String shown = hit.text("title", hit.text("externalId", hit.text("documentId", "-")));
        if (externalId != null && title != null && !title.isBlank() && !externalId.equals(title)) {
            shown += " [" + externalId + "]";
        }
        return shown.length() > TITLE_CHARS ? shown.substring(0, TITLE_CHARS - 3) + "..." : shown;
    }

    private static String passage(Json hit) {
        for (String path : new String[] {"chunk.text", "text", "chunkText", "snippet", "passage"}) {
            String text = hit.text(path);
            if (text != null && !text.isBlank()) {
                return text;
            }
        }
        List<Json> chunks = hit.items("chunks");
        return chunks.isEmpty() ? "" : passage(chunks.get(0));
    }

    /**
     * The first highlighted term: from the hit's or its first passage's {@code highlights} (strings, or objects with
     * a {@code term}), or its {@code matchedTerms}.
     */
    private static String highlight(Json hit) {
        List<Json> candidates = new ArrayList<>(hit.items("highlights"));
        candidates.addAll(hit.items("chunk.highlights"));
        hit.items("chunks").stream().findFirst().ifPresent(chunk -> candidates.addAll(chunk.items("highlights")));
        candidates.addAll(hit.items("matchedTerms"));
        for (Json h : candidates) {
            String term = h.isScalar() ? h.asText() : h.text("term") != null ? h.text("term") : h.text("text");
            if (term != null && !term.isBlank()) {
                return term;
            }
        }
        return null;
    }

    /**
     * About {@value #SNIPPET_CHARS} characters of the passage on one line, starting a little before the first
     * highlighted term when there is one further in.
     */
    static String snippet(String passage, String highlight) {
        String text = passage.replaceAll("\\s+", " ").strip();
        if (text.length() <= SNIPPET_CHARS) {
            return text;
        }
        int start = 0;
        if (highlight != null) {
            int at = text.toLowerCase(Locale.ROOT).indexOf(highlight.toLowerCase(Locale.ROOT));
            if (at > SNIPPET_CHARS / 2) {
                start = Math.min(at - 40, text.length() - SNIPPET_CHARS);
                int space = text.indexOf(' ', start);
                start = space >= 0 && space < at ? space + 1 : start;
            }
        }
        int end = Math.min(text.length(), start + SNIPPET_CHARS);
        return (start > 0 ? "..." : "") + text.substring(start, end).strip() + (end < text.length() ? "..." : "");
    }
}
