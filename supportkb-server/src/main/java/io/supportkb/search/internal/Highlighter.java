package io.supportkb.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

import io.supportkb.search.Highlight;

/**
 * Finds where matched query terms occur in a chunk: the chunk is analysed again with the index's analyzer
 * (Lucene's {@link EnglishAnalyzer}: standard tokenizer, possessives, lower case, stop words, Porter stemmer), so a
 * highlighted word is exactly one whose analysed form BM25 matched ("refunds" highlights for the query "refund").
 * Thread-safe ({@link Analyzer} keeps a token stream per thread).
 */
public final class Highlighter implements AutoCloseable {

    /** Enough for any passage a reader looks at; bounds the response for pathological chunks. */
    static final int MAX_HIGHLIGHTS = 200;

    private final Analyzer analyzer = new EnglishAnalyzer();

    /** Character ranges of {@code text} whose analysed form is one of {@code terms}, in order. */
    public List<Highlight> highlight(String text, List<String> terms) {
        if (terms.isEmpty() || text.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = new HashSet<>(terms);
        List<Highlight> found = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("body", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken() && found.size() < MAX_HIGHLIGHTS) {
                String analysed = term.toString();
                if (wanted.contains(analysed)) {
                    found.add(new Highlight(offset.startOffset(), offset.endOffset(), analysed));
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing an in-memory chunk failed", e);
        }
        return found;
    }

    /** Analysed terms of {@code text} that are among {@code terms}, in the order of {@code terms}. */
    public List<String> matchedTerms(String text, List<String> terms) {
        Set<String> present = new HashSet<>();
        highlight(text, terms).forEach(h -> present.add(h.term()));
        return terms.stream().filter(present::contains).toList();
    }

    /** The distinct analysed terms of a query, in order. */
    public List<String> queryTerms(String query) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("body", query)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (!terms.contains(term.toString())) {
                    terms.add(term.toString());
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing an in-memory query failed", e);
        }
        return terms;
    }

    @Override
    public void close() {
        analyzer.close();
    }
}
