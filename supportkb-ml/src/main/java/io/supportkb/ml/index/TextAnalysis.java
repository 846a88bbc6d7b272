package io.supportkb.ml.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The single English analysis used for indexed text and queries, so that a query term matches exactly
 * the terms BM25 indexed. Thread-safe ({@link Analyzer} keeps per-thread token streams).
 */
public final class TextAnalysis implements Closeable {

    /**
     * Upper bound on distinct query terms; each becomes a clause and Lucene caps a query at 1024 clauses.
     * Real support questions are far shorter, so the cap only defends against pasted documents.
     */
    static final int MAX_QUERY_TERMS = 512;

    private final Analyzer analyzer = new EnglishAnalyzer();

    Analyzer analyzer() {
        return analyzer;
    }

    /** Distinct analysed terms of a query, in first-occurrence order, at most {@link #MAX_QUERY_TERMS}. */
    public List<String> queryTerms(String queryText) {
        if (queryText == null || queryText.isBlank()) {
            return List.of();
        }
        Set<String> terms = new LinkedHashSet<>();
        forEachTerm(queryText, term -> {
            terms.add(term);
            return terms.size() < MAX_QUERY_TERMS;
        });
        return List.copyOf(terms);
    }

    /** The query terms that occur in {@code text} once analysed, in query order. */
    public List<String> matchedTerms(List<String> queryTerms, String text) {
        if (queryTerms.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = new HashSet<>(queryTerms);
        Set<String> found = new HashSet<>();
        // Stops early once every query term has been seen: long chunks rarely need a full pass.
        forEachTerm(text, term -> {
            if (wanted.contains(term)) {
                found.add(term);
            }
            return found.size() < wanted.size();
        });
        List<String> matched = new ArrayList<>(found.size());
        for (String term : queryTerms) {
            if (found.contains(term)) {
                matched.add(term);
            }
        }
        return matched;
    }

    /** Feeds each analysed term to {@code consumer} until it returns {@code false}. */
    private void forEachTerm(String text, TermConsumer consumer) {
        try (TokenStream stream = analyzer.tokenStream(ChunkDocument.BODY, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            boolean more = true;
            while (more && stream.incrementToken()) {
                more = consumer.accept(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            // Analysis of an in-memory string does no I/O; this would be a bug in the analysis chain.
            throw new UncheckedIOException("analysing text failed", e);
        }
    }

    @Override
    public void close() {
        analyzer.close();
    }

    @FunctionalInterface
    private interface TermConsumer {
        /** Returns whether to continue with the next term. */
        boolean accept(String term);
    }
}
