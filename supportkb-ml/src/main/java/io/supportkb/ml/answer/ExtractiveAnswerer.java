package io.supportkb.ml.answer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import io.supportkb.ml.answer.GroundedAnswer.Status;
import io.supportkb.ml.answer.GroundedAnswer.Timings;
import io.supportkb.ml.chunk.Sentences;
import io.supportkb.ml.embed.Embedder;

/**
 * The default answerer: picks sentences of the top passages verbatim, so it never invents text and always cites
 * exactly where a sentence came from. Candidate sentences (headings and fragments under {@code minWords} words are
 * skipped) are embedded as passages and scored by cosine similarity to the query embedding, with a small penalty per
 * passage rank; the best is taken, then others within {@code margin} of it that are not near-duplicates of a chosen
 * one (cosine above {@code redundancy}), up to {@code maxSentences}. A sentence that asks rather than answers (it ends
 * with a question mark, or it is the customer's turn of a ticket: after a {@code ### customer} heading or starting with
 * {@code Customer:}) is only quoted when nothing else is: restating the problem is the most similar text to a question,
 * but the agent's reply is the answer. The chosen sentences are printed in reading
 * order (passage, then position), each followed by its citation.
 *
 * <p>Deterministic: the embedder's vectors are bit-identical per text, and every tie is broken by passage number and
 * offset. Thread-safe; sentence vectors are memoised in a bounded, synchronised LRU map.
 */
public final class ExtractiveAnswerer implements Answerer {

    /**
     * Tuning of the sentence selection.
     *
     * @param maxPassages   passages whose sentences are candidates (the top ones)
     * @param maxSentences  most sentences in an answer
     * @param maxCandidates most candidate sentences embedded per answer (in passage order)
     * @param minWords      shorter units (labels, fragments) are not candidates
     * @param margin        sentences whose score is within this of the best one may join it
     * @param redundancy    a candidate this similar (cosine) to a chosen sentence is skipped
     * @param rankPenalty   subtracted from a sentence's score per passage rank below the first
     */
    public record Config(int maxPassages, int maxSentences, int maxCandidates, int minWords, double margin,
                         double redundancy, double rankPenalty) {

        public static Config defaults() {
            return new Config(3, 3, 40, 4, 0.06, 0.92, 0.01);
        }
    }

    /** Roles of the person asking, as ticket headings or line prefixes name them. */
    private static final java.util.Set<String> ASKERS = java.util.Set.of("customer", "user", "client", "requester",
            "question", "q");

    private static final int MEMO_ENTRIES = 20_000;

    private final Embedder embedder;
    private final CitationChecker checker;
    private final Config config;
    private final Map<String, float[]> memo = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > MEMO_ENTRIES;
        }
    };

    public ExtractiveAnswerer(Embedder embedder, CitationChecker checker, Config config) {
        this.embedder = embedder;
        this.checker = checker;
        this.config = config;
    }

    @Override
    public String name() {
        return "extractive";
    }

    @Override
    public String modelId() {
        return embedder.model().id();
    }

    private record Candidate(Passage passage, Sentences.Span span, String text, boolean asks, float[] vector,
                             double score) {
    }

    @Override
    public GroundedAnswer answer(AnswerRequest request, Consumer<String> onToken) {
        long start = System.nanoTime();
        if (request.weakRetrieval()) {
            return notEnough("Retrieval found no good match: " + request.weakReason(), start);
        }
        List<Candidate> candidates = candidates(request.passages());
        if (candidates.stream().anyMatch(c -> !c.asks())) {
            candidates = candidates.stream().filter(c -> !c.asks()).toList();
        }
        if (candidates.isEmpty()) {
            return notEnough(request.passages().isEmpty() ? "No passage was retrieved."
                    : "The retrieved passages hold no complete sentence to quote.", start);
        }
        float[] query = request.questionVector() != null ? request.questionVector()
                : embedder.embedQuery(request.question());
        List<float[]> vectors = vectors(candidates.stream().map(Candidate::text).toList());
        List<Candidate> scored = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            Candidate c = candidates.get(i);
            double score = dot(query, vectors.get(i)) - config.rankPenalty() * (c.passage().id() - 1);
            scored.add(new Candidate(c.passage(), c.span(), c.text(), c.asks(), vectors.get(i), score));
        }
        List<Candidate> chosen = choose(scored);
        double selectMs = GenerativeAnswerer.ms(start);
        long checking = System.nanoTime();
        List<AnswerSentence> sentences = new ArrayList<>(chosen.size());
        StringBuilder text = new StringBuilder();
        for (Candidate c : chosen) {
            sentences.add(withExactSpan(checker.verify(c.text(), List.of(c.passage().id()), List.of(c.passage())), c));
            text.append(text.isEmpty() ? "" : " ").append(c.text()).append(" [").append(c.passage().id()).append(']');
        }
        CitationCheck check = new CitationCheck(sentences.stream().allMatch(AnswerSentence::supported),
                sentences.size(), (int) sentences.stream().filter(s -> !s.supported()).count(), List.of(),
                checker.threshold());
        String answer = text.toString();
        onToken.accept(answer);
        Timings timings = new Timings(selectMs, 0, GenerativeAnswerer.ms(checking), GenerativeAnswerer.ms(start));
        String reason = String.format(Locale.ROOT, "%d sentence(s) quoted from the top passages; best sentence "
                + "similarity %.3f.", chosen.size(), scored.stream().mapToDouble(Candidate::score).max().orElse(0));
        return new GroundedAnswer(Status.ANSWERED, answer, sentences, check, reason, null, name(), modelId(), null,
                null, null, timings);
    }

    /** Quoted sentences cite exactly the span they were cut from, not the checker's best guess. */
    private static AnswerSentence withExactSpan(AnswerSentence checked, Candidate c) {
        int from = c.passage().charStart() + c.span().start();
        Citation exact = new Citation(c.passage().id(), c.passage().documentId(), from, from + c.text().length(),
                c.text());
        return new AnswerSentence(checked.text(), checked.cited(), List.of(exact), checked.support(),
                checked.supported());
    }

    private List<Candidate> candidates(List<Passage> passages) {
        List<Candidate> candidates = new ArrayList<>();
        for (Passage passage : passages.subList(0, Math.min(config.maxPassages(), passages.size()))) {
            boolean askerTurn = false;
            for (Sentences.Span span : Sentences.split(passage.text())) {
                Sentences.Span content = withoutListMarker(passage.text(), span);
                String text = content.of(passage.text());
                if (text.startsWith("#")) {
                    askerTurn = ASKERS.contains(firstWord(text));
                    continue;
                }
                if (words(text) < config.minWords()) {
                    continue;
                }
                boolean asks = askerTurn || text.endsWith("?") || asksByPrefix(text);
                candidates.add(new Candidate(passage, content, text, asks, null, 0));
                if (candidates.size() == config.maxCandidates()) {
                    return candidates;
                }
            }
        }
        return candidates;
    }

    private List<Candidate> choose(List<Candidate> scored) {
        List<Candidate> byScore = new ArrayList<>(scored);
        byScore.sort(Comparator.comparingDouble(Candidate::score).reversed()
                .thenComparingInt(c -> c.passage().id()).thenComparingInt(c -> c.span().start()));
        double best = byScore.getFirst().score();
        List<Candidate> chosen = new ArrayList<>();
        for (Candidate c : byScore) {
            if (chosen.size() == config.maxSentences() || c.score() < best - config.margin()) {
                break;
            }
            if (chosen.stream().noneMatch(o -> dot(o.vector(), c.vector()) > config.redundancy())) {
                chosen.add(c);
            }
        }
        chosen.sort(Comparator.comparingInt((Candidate c) -> c.passage().id()).thenComparingInt(c -> c.span().start()));
        return chosen;
    }

    private List<float[]> vectors(List<String> texts) {
        List<float[]> result = new ArrayList<>(texts.size());
        List<String> missing = new ArrayList<>();
        synchronized (memo) {
            for (String t : texts) {
                float[] v = memo.get(t);
                result.add(v);
                if (v == null) {
                    missing.add(t);
                }
            }
        }
        if (missing.isEmpty()) {
            return result;
        }
        List<String> distinct = missing.stream().distinct().toList();
        List<float[]> embedded = embedder.embedPassages(distinct);
        Map<String, float[]> fresh = new LinkedHashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            fresh.put(distinct.get(i), embedded.get(i));
        }
        synchronized (memo) {
            memo.putAll(fresh);
        }
        for (int i = 0; i < texts.size(); i++) {
            if (result.get(i) == null) {
                result.set(i, fresh.get(texts.get(i)));
            }
        }
        return result;
    }

    private GroundedAnswer notEnough(String reason, long start) {
        return new GroundedAnswer(Status.NOT_ENOUGH_INFORMATION, GroundedAnswer.NOT_ENOUGH_INFORMATION, List.of(),
                null, reason, null, name(), modelId(), null, null, null,
                new Timings(GenerativeAnswerer.ms(start), 0, 0, GenerativeAnswerer.ms(start)));
    }

    /** Drops a leading {@code - }, {@code * }, {@code + } or {@code 12. } list marker from a span. */
    private static Sentences.Span withoutListMarker(String text, Sentences.Span span) {
        int i = span.start();
        int end = span.end();
        if (i < end && (text.charAt(i) == '-' || text.charAt(i) == '*' || text.charAt(i) == '+')) {
            i++;
        } else {
            int d = i;
            while (d < end && Character.isDigit(text.charAt(d)) && d - i < 3) {
                d++;
            }
            if (d > i && d < end && (text.charAt(d) == '.' || text.charAt(d) == ')')) {
                i = d + 1;
            }
        }
        if (i == span.start() || i >= end || !Character.isWhitespace(text.charAt(i))) {
            return span;
        }
        while (i < end && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return new Sentences.Span(i, end);
    }

    /** The first word of a heading or line, lower-cased, without {@code #} marks or a trailing colon. */
    private static String firstWord(String text) {
        int i = 0;
        while (i < text.length() && (text.charAt(i) == '#' || Character.isWhitespace(text.charAt(i)))) {
            i++;
        }
        int end = i;
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
            end++;
        }
        return text.substring(i, end).toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean asksByPrefix(String text) {
        int colon = text.indexOf(':');
        return colon > 0 && colon < 12 && ASKERS.contains(firstWord(text.substring(0, colon)));
    }

    private static int words(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean letter = Character.isLetterOrDigit(text.charAt(i));
            if (letter && !inWord) {
                words++;
            }
            inWord = letter;
        }
        return words;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
