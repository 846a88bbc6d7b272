package io.supportkb.ml.eval;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * kNN intent accuracy: does retrieval find tickets with the query's intent? For each query,
 * <ul>
 *   <li><b>top-1</b>: the intent of the rank-1 document equals the query's {@code metadata.intent};</li>
 *   <li><b>top-5 majority</b>: the most frequent intent among the top {@value #VOTE_DEPTH} documents equals
 *       it; a tie goes to the tied intent that appears at the best rank.</li>
 * </ul>
 * A query with no results, or whose winning document has no intent, counts as wrong; documents without an
 * intent do not vote. Averaged over all queries passed in. Immutable and thread-safe.
 *
 * @param queries             number of queries evaluated
 * @param top1Correct         queries whose rank-1 document has their intent
 * @param top5MajorityCorrect queries whose top-5 majority intent is theirs
 */
public record IntentAccuracy(int queries, int top1Correct, int top5MajorityCorrect) {

    /** How many top documents vote. */
    public static final int VOTE_DEPTH = 5;
    /** Report key of {@link #top1()}. */
    public static final String TOP1_NAME = "IntentAcc@1";
    /** Report key of {@link #top5Majority()}. */
    public static final String MAJORITY_NAME = "IntentVote@5";

    /**
     * @param queries        the evaluated queries; each must carry {@code metadata.intent}
     * @param rankings       query id → document ids, best first; absent queries have no results
     * @param intentsByDocId document id → intent, e.g. {@link #intentsByDocId(Collection)}
     * @throws IllegalArgumentException when a query has no intent
     */
    public static IntentAccuracy evaluate(Collection<Query> queries, Map<String, ? extends List<String>> rankings,
            Map<String, String> intentsByDocId) {
        int top1 = 0;
        int top5Majority = 0;
        for (Query query : queries) {
            String intent = query.intent().orElseThrow(() ->
                    new IllegalArgumentException("query " + query.id() + " has no metadata.intent"));
            List<String> ranking = Objects.requireNonNullElse(rankings.get(query.id()), List.of());
            List<String> voters = ranking.subList(0, Math.min(VOTE_DEPTH, ranking.size())).stream()
                    .map(intentsByDocId::get)
                    .toList();
            if (!voters.isEmpty() && intent.equals(voters.get(0))) {
                top1++;
            }
            if (majorityIntent(voters).filter(intent::equals).isPresent()) {
                top5Majority++;
            }
        }
        return new IntentAccuracy(queries.size(), top1, top5Majority);
    }

    /**
     * The most frequent intent of a list in rank order; among equally frequent intents, the one whose first
     * occurrence ranks highest. {@code null} entries (documents without intent) do not vote.
     */
    public static Optional<String> majorityIntent(List<String> intentsInRankOrder) {
        var votes = new LinkedHashMap<String, Integer>(); // insertion order = best rank of each intent
        for (String intent : intentsInRankOrder) {
            if (intent != null) {
                votes.merge(intent, 1, Integer::sum);
            }
        }
        String winner = null;
        int best = 0;
        for (var entry : votes.entrySet()) {
            if (entry.getValue() > best) { // strictly greater: an earlier (better-ranked) intent keeps a tie
                winner = entry.getKey();
                best = entry.getValue();
            }
        }
        return Optional.ofNullable(winner);
    }

    /** Document id → {@code metadata.intent}, for documents that have one. */
    public static Map<String, String> intentsByDocId(Collection<CorpusDoc> corpus) {
        var intents = new HashMap<String, String>(corpus.size() * 2);
        corpus.forEach(doc -> doc.intent().ifPresent(intent -> intents.put(doc.id(), intent)));
        return intents;
    }

    /** Share of queries whose rank-1 document has their intent; 0 when there are no queries. */
    public double top1() {
        return queries == 0 ? 0.0 : (double) top1Correct / queries;
    }

    /** Share of queries whose top-5 majority intent is theirs; 0 when there are no queries. */
    public double top5Majority() {
        return queries == 0 ? 0.0 : (double) top5MajorityCorrect / queries;
    }

    /** Both accuracies keyed by {@link #TOP1_NAME} and {@link #MAJORITY_NAME}, for {@link ModeResult}. */
    public Map<String, Double> asMetrics() {
        var metrics = new LinkedHashMap<String, Double>();
        metrics.put(TOP1_NAME, top1());
        metrics.put(MAJORITY_NAME, top5Majority());
        return metrics;
    }
}
