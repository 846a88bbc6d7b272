package io.supportkb.ml.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.supportkb.ml.chunk.Sentences;
import io.supportkb.ml.index.TextAnalysis;

/**
 * Verifies an answer against its context. Each answer sentence must cite passages that exist, and a cited passage
 * must contain at least {@code threshold} of the sentence's content terms (English-analysed: lower-cased, stemmed,
 * stop words removed, the same analysis BM25 uses). The best supporting span is the passage sentence sharing the
 * most terms with the answer sentence. Lexical support is deliberately strict: an LLM that paraphrases beyond the
 * passage's vocabulary is flagged rather than trusted. Thread-safe.
 */
public final class CitationChecker {

    private final TextAnalysis analysis;
    private final double threshold;

    /**
     * @param threshold the fraction (0..1] of a sentence's content terms a cited passage must contain
     */
    public CitationChecker(TextAnalysis analysis, double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1]: " + threshold);
        }
        this.analysis = analysis;
        this.threshold = threshold;
    }

    /** The support fraction a sentence needs. */
    public double threshold() {
        return threshold;
    }

    /** The checked sentences of an answer and the verdict. */
    public record Checked(List<AnswerSentence> sentences, CitationCheck check) {

        /** The sentences with support. */
        public long supported() {
            return sentences.stream().filter(AnswerSentence::supported).count();
        }
    }

    /** Splits {@code answer} into sentences, reads their citation markers and checks each against the passages. */
    public Checked check(String answer, List<Passage> passages) {
        Map<Integer, Passage> byId = passages.stream().collect(Collectors.toMap(Passage::id, Function.identity()));
        List<String> texts = new ArrayList<>();
        List<List<Integer>> cites = new ArrayList<>();
        for (Sentences.Span span : Sentences.split(answer)) {
            CitationMarkers.Parsed unit = CitationMarkers.parse(span.of(answer));
            // Markers before any text ("... done. [2] Next ...") cite for the sentence before.
            if (!cites.isEmpty()) {
                cites.getLast().addAll(unit.leading());
            }
            if (!unit.text().codePoints().anyMatch(Character::isLetterOrDigit)) {
                if (!cites.isEmpty()) {
                    cites.getLast().addAll(unit.cited());
                }
                continue;
            }
            texts.add(unit.text());
            cites.add(new ArrayList<>(cites.isEmpty() ? concat(unit.leading(), unit.cited()) : unit.cited()));
        }
        TreeSet<Integer> invalid = new TreeSet<>();
        List<AnswerSentence> sentences = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            sentences.add(verify(texts.get(i), cites.get(i), byId, invalid));
        }
        int unsupported = (int) sentences.stream().filter(s -> !s.supported()).count();
        boolean passed = !sentences.isEmpty() && unsupported == 0 && invalid.isEmpty();
        return new Checked(sentences, new CitationCheck(passed, sentences.size(), unsupported,
                List.copyOf(invalid), threshold));
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Checks one sentence that cites {@code cited}; invalid numbers are added to {@code invalid}. */
    public AnswerSentence verify(String sentence, List<Integer> cited, List<Passage> passages) {
        Map<Integer, Passage> byId = passages.stream().collect(Collectors.toMap(Passage::id, Function.identity()));
        return verify(sentence, cited, byId, new TreeSet<>());
    }

    private AnswerSentence verify(String sentence, List<Integer> cited, Map<Integer, Passage> passages,
                                  TreeSet<Integer> invalid) {
        List<Integer> distinct = cited.stream().distinct().toList();
        List<String> terms = analysis.queryTerms(sentence);
        List<Citation> citations = new ArrayList<>();
        double best = 0;
        for (int id : distinct) {
            Passage passage = passages.get(id);
            if (passage == null) {
                invalid.add(id);
                continue;
            }
            double support = terms.isEmpty() ? 1.0
                    : analysis.matchedTerms(terms, passage.text()).size() / (double) terms.size();
            best = Math.max(best, support);
            citations.add(bestSpan(passage, terms));
        }
        boolean supported = !citations.isEmpty() && best >= threshold;
        return new AnswerSentence(sentence, distinct, citations, Math.round(best * 1000) / 1000.0, supported);
    }

    /** The passage sentence sharing most terms with the answer sentence (the first on ties). */
    private Citation bestSpan(Passage passage, List<String> terms) {
        Sentences.Span best = null;
        int bestCount = -1;
        for (Sentences.Span span : Sentences.split(passage.text())) {
            int count = terms.isEmpty() ? 0 : analysis.matchedTerms(terms, span.of(passage.text())).size();
            if (count > bestCount) {
                best = span;
                bestCount = count;
            }
        }
        if (best == null) {
            best = new Sentences.Span(0, passage.text().length());
        }
        return new Citation(passage.id(), passage.documentId(), passage.charStart() + best.start(),
                passage.charStart() + best.end(), best.of(passage.text()));
    }

}
