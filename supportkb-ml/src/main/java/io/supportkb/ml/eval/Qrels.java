package io.supportkb.ml.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Relevance judgments: query id → (document id → relevance), as in a TREC/BEIR qrels file.
 *
 * <p>Relevance is an integer grade; a document is relevant when its grade is {@code > 0} (trec_eval's
 * default {@code relevance_level} of 1), judged-but-non-relevant when {@code <= 0}, and unjudged documents
 * count as non-relevant. The query ids present here are exactly the queries that get evaluated. Instances
 * are immutable and thread-safe; iteration follows the order of first appearance in the source.
 */
public final class Qrels {

    private final Map<String, Map<String, Integer>> judgments;
    private final long size;

    private Qrels(Map<String, Map<String, Integer>> judgments) {
        var copy = new LinkedHashMap<String, Map<String, Integer>>();
        long count = 0;
        for (var entry : judgments.entrySet()) {
            copy.put(entry.getKey(), Collections.unmodifiableMap(entry.getValue()));
            count += entry.getValue().size();
        }
        this.judgments = Collections.unmodifiableMap(copy);
        this.size = count;
    }

    /** Qrels from an in-memory map (copied; iteration follows the map's order). */
    public static Qrels of(Map<String, ? extends Map<String, Integer>> judgments) {
        var byQuery = new LinkedHashMap<String, Map<String, Integer>>();
        judgments.forEach((query, docs) -> byQuery.put(query, new LinkedHashMap<>(docs)));
        return new Qrels(byQuery);
    }

    /**
     * Reads a BEIR qrels TSV: {@code query-id<TAB>corpus-id<TAB>score}, one judgment per line. The header
     * line is skipped (recognised by a non-integer score, so a header-less file also loads); blank lines
     * are ignored; a repeated (query, document) pair keeps the last score, as BEIR's loader does.
     *
     * @throws IOException when the file cannot be read or a line is malformed (message names file and line)
     */
    public static Qrels read(Path tsv) throws IOException {
        var byQuery = new LinkedHashMap<String, Map<String, Integer>>();
        // banking77 repeats each corpus id ~40 times: share one String per id instead of 400k copies.
        var canonicalIds = new HashMap<String, String>();
        try (BufferedReader reader = Files.newBufferedReader(tsv, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.strip().split("\t");
                if (fields.length != 3) {
                    throw new IOException(tsv + " line " + lineNumber
                            + ": expected query-id<TAB>corpus-id<TAB>score, got " + fields.length + " fields");
                }
                int relevance;
                try {
                    relevance = Integer.parseInt(fields[2].strip());
                } catch (NumberFormatException e) {
                    if (lineNumber == 1) {
                        continue; // the header "query-id corpus-id score"
                    }
                    throw new IOException(tsv + " line " + lineNumber + ": score is not an integer: " + fields[2]);
                }
                String docId = canonicalIds.computeIfAbsent(fields[1].strip(), id -> id);
                byQuery.computeIfAbsent(fields[0].strip(), q -> new LinkedHashMap<>()).put(docId, relevance);
            }
        }
        return new Qrels(byQuery);
    }

    /**
     * Same-intent relevance: every corpus document whose {@code metadata.intent} equals the query's is
     * relevant with grade 1. Queries without an intent, or whose intent no document has, are left out (they
     * have nothing to find). Queries sharing an intent share one judgment map, so hundreds of relevant
     * documents per query stay cheap.
     */
    public static Qrels byIntent(Collection<CorpusDoc> corpus, Collection<Query> queries) {
        var docsByIntent = new HashMap<String, Map<String, Integer>>();
        for (CorpusDoc doc : corpus) {
            doc.intent().ifPresent(intent ->
                    docsByIntent.computeIfAbsent(intent, i -> new LinkedHashMap<>()).put(doc.id(), 1));
        }
        var byQuery = new LinkedHashMap<String, Map<String, Integer>>();
        for (Query query : queries) {
            query.intent().map(docsByIntent::get).ifPresent(relevant -> byQuery.put(query.id(), relevant));
        }
        return new Qrels(byQuery);
    }

    /** The judged query ids: the queries to evaluate. */
    public Set<String> queryIds() {
        return judgments.keySet();
    }

    public boolean contains(String queryId) {
        return judgments.containsKey(queryId);
    }

    /** Judgments of one query (document id → grade); empty for an unknown query. */
    public Map<String, Integer> judgments(String queryId) {
        return judgments.getOrDefault(queryId, Map.of());
    }

    /** Number of documents with grade {@code > 0} for the query. */
    public int relevantCount(String queryId) {
        return (int) judgments(queryId).values().stream().filter(grade -> grade > 0).count();
    }

    /** Number of (query, document) judgments: the data lines of a qrels file. */
    public long size() {
        return size;
    }

    /** All judgments, unmodifiable. */
    public Map<String, Map<String, Integer>> asMap() {
        return judgments;
    }

    @Override
    public String toString() {
        return "Qrels[" + judgments.size() + " queries, " + size + " judgments]";
    }
}
