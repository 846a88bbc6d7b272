package io.supportkb.ml.eval;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a TREC run file, the input of trec_eval and pytrec_eval: one line per retrieved document,
 * {@code qid Q0 docid rank score tag}, separated by single spaces, rank 1-based, at most {@link #depth()}
 * documents per query (BEIR and MTEB keep the top {@value #DEFAULT_DEPTH}).
 *
 * <p>Scores are written in full ({@link Double#toString(double)}), so re-evaluating the file reproduces
 * the in-process numbers as long as the ranking has no tied scores: trec_eval orders by score, then by
 * document id descending, and ignores the rank column.
 *
 * <p>Not thread-safe: one writer per run, closed when done.
 */
public final class TrecRunWriter implements AutoCloseable {

    /** Documents per query kept by default. */
    public static final int DEFAULT_DEPTH = 100;

    private static final Pattern WHITESPACE = Pattern.compile("\\s");

    private final BufferedWriter out;
    private final String tag;
    private final int depth;

    private TrecRunWriter(BufferedWriter out, String tag, int depth) {
        this.out = out;
        this.tag = tag;
        this.depth = depth;
    }

    /** Creates (or truncates) {@code file}, keeping the top {@value #DEFAULT_DEPTH} per query. */
    public static TrecRunWriter open(Path file, String tag) throws IOException {
        return open(file, tag, DEFAULT_DEPTH);
    }

    /**
     * Creates (or truncates) {@code file}, creating missing parent folders.
     *
     * @param tag   the run name in the last column; no whitespace
     * @param depth documents kept per query, positive
     */
    public static TrecRunWriter open(Path file, String tag, int depth) throws IOException {
        requireToken(tag, "run tag");
        if (depth <= 0) {
            throw new IllegalArgumentException("depth must be positive: " + depth);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new TrecRunWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), tag, depth);
    }

    /** Writes a whole run at once: the queries in the map's iteration order. */
    public static void write(Path file, String tag, Map<String, ? extends List<ScoredDoc>> run) throws IOException {
        try (var writer = open(file, tag)) {
            for (var entry : run.entrySet()) {
                writer.write(entry.getKey(), entry.getValue());
            }
        }
    }

    /**
     * Appends one query's ranking, best first; only the first {@link #depth()} documents are written, an
     * empty ranking writes nothing.
     *
     * @throws IllegalArgumentException when the query or a document id contains whitespace, or a score is
     *                                  NaN or infinite
     */
    public void write(String queryId, List<ScoredDoc> ranking) throws IOException {
        requireToken(queryId, "query id");
        int n = Math.min(depth, ranking.size());
        for (int i = 0; i < n; i++) {
            ScoredDoc doc = ranking.get(i);
            requireToken(doc.docId(), "document id");
            if (!Double.isFinite(doc.score())) {
                throw new IllegalArgumentException("query " + queryId + ", document " + doc.docId()
                        + ": score is not finite: " + doc.score());
            }
            out.write(queryId + " Q0 " + doc.docId() + " " + (i + 1) + " " + doc.score() + " " + tag);
            out.newLine();
        }
    }

    public int depth() {
        return depth;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private static void requireToken(String value, String what) {
        if (value == null || value.isEmpty() || WHITESPACE.matcher(value).find()) {
            throw new IllegalArgumentException(what + " must be non-empty without whitespace: '" + value + "'");
        }
    }
}
