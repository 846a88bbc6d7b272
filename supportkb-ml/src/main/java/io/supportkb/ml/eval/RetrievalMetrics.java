package io.supportkb.ml.eval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Ranked-retrieval metrics with the definitions of trec_eval / pytrec_eval, as BEIR reports them.
 *
 * <ul>
 *   <li><b>nDCG@k</b> (trec_eval {@code ndcg_cut.k}): DCG = Σ<sub>rank≤k</sub> gain / log2(rank + 1) with
 *       linear gain = the qrels grade when {@code > 0}, else 0. The ideal DCG ranks all judged relevant
 *       documents of the query by grade, also cut at k, whether or not they were retrieved. 0 when the
 *       query has no relevant document.</li>
 *   <li><b>Recall@k</b> ({@code recall.k}): relevant documents in the top k / all relevant documents of
 *       the query; 0 when there are none.</li>
 *   <li><b>MRR@k</b> (BEIR's {@code MRR@k}): 1 / rank of the first relevant document within the top k,
 *       else 0.</li>
 *   <li><b>P@k</b> ({@code P.k}): relevant documents in the top k / k, dividing by k even when fewer than
 *       k documents were retrieved.</li>
 * </ul>
 * A document is relevant when its grade is {@code > 0}; unjudged documents are non-relevant.
 *
 * <p><b>Ranking order is used as given.</b> trec_eval re-sorts a run by score descending, then document
 * id descending; this class trusts the caller's list (rank 1 first), so tied scores keep the runner's
 * order. A document may appear only once within the top k (trec_eval rejects duplicates too); a
 * duplicate fails with {@link IllegalArgumentException}.
 *
 * <p><b>Averaging.</b> {@link #mean} averages over every judged query of the qrels; a query without a
 * ranking scores 0 on every metric (trec_eval {@code -c}). pytrec_eval, and so BEIR, average only over
 * queries present in the run; with a runner that answers every query the two agree. BEIR also drops a
 * retrieved document whose id equals the query id ({@code ignore_identical_ids}); SciFact and banking77
 * have no such collisions, so this class does not.
 *
 * <p>Stateless and thread-safe.
 */
public final class RetrievalMetrics {

    /** A family of measures; {@link Metric} adds the cut-off. */
    public enum Measure {
        NDCG("NDCG"), RECALL("Recall"), MRR("MRR"), PRECISION("P");

        private final String label;

        Measure(String label) {
            this.label = label;
        }

        /** BEIR's spelling, the part before {@code @}. */
        public String label() {
            return label;
        }
    }

    /** A measure at a cut-off k; {@link #name()} is BEIR's key, e.g. {@code NDCG@10}. */
    public record Metric(Measure measure, int k) {

        public Metric {
            Objects.requireNonNull(measure, "measure");
            if (k <= 0) {
                throw new IllegalArgumentException("cut-off k must be positive: " + k);
            }
        }

        /** Parses BEIR's spelling: {@code NDCG@10}, {@code Recall@100}, {@code MRR@10}, {@code P@10}. */
        public static Metric parse(String name) {
            int at = name.indexOf('@');
            if (at > 0) {
                for (Measure measure : Measure.values()) {
                    if (measure.label().equalsIgnoreCase(name.substring(0, at))) {
                        return new Metric(measure, Integer.parseInt(name.substring(at + 1)));
                    }
                }
            }
            throw new IllegalArgumentException("Unknown metric '" + name + "'; expected NDCG@k, Recall@k, MRR@k or P@k");
        }

        public String name() {
            return measure.label() + "@" + k;
        }

        /** This metric for one query. */
        public double score(List<String> ranking, Map<String, Integer> judgments) {
            return switch (measure) {
                case NDCG -> ndcg(ranking, judgments, k);
                case RECALL -> recall(ranking, judgments, k);
                case MRR -> reciprocalRank(ranking, judgments, k);
                case PRECISION -> precision(ranking, judgments, k);
            };
        }
    }

    /** SciFact's set from shared/eval/README: nDCG@10, Recall@10, Recall@100, MRR@10, plus P@10. */
    public static final List<Metric> BEIR_DEFAULT = List.of(
            new Metric(Measure.NDCG, 10), new Metric(Measure.RECALL, 10), new Metric(Measure.RECALL, 100),
            new Metric(Measure.MRR, 10), new Metric(Measure.PRECISION, 10));

    private RetrievalMetrics() {
    }

    /**
     * Mean of each metric over all judged queries of {@code qrels}, keyed by {@link Metric#name()} in the
     * order given.
     *
     * @param rankings query id → document ids, best first; queries absent here score 0
     */
    public static Map<String, Double> mean(Qrels qrels, Map<String, ? extends List<String>> rankings,
            Collection<Metric> metrics) {
        var sums = new double[metrics.size()];
        var ordered = new ArrayList<>(metrics);
        for (String queryId : qrels.queryIds()) {
            List<String> ranking = Objects.requireNonNullElse(rankings.get(queryId), List.of());
            Map<String, Integer> judgments = qrels.judgments(queryId);
            for (int i = 0; i < ordered.size(); i++) {
                try {
                    sums[i] += ordered.get(i).score(ranking, judgments);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("query " + queryId + ": " + e.getMessage(), e);
                }
            }
        }
        int queries = qrels.queryIds().size();
        var means = new LinkedHashMap<String, Double>();
        for (int i = 0; i < ordered.size(); i++) {
            means.put(ordered.get(i).name(), queries == 0 ? 0.0 : sums[i] / queries);
        }
        return means;
    }

    /** nDCG@k of one ranking (trec_eval {@code ndcg_cut.k}). */
    public static double ndcg(List<String> ranking, Map<String, Integer> judgments, int k) {
        List<String> top = top(ranking, k);
        double dcg = 0;
        for (int i = 0; i < top.size(); i++) {
            dcg += gain(judgments.get(top.get(i))) / log2(i + 2); // rank i + 1
        }
        int[] idealGains = judgments.values().stream()
                .mapToInt(RetrievalMetrics::gain)
                .filter(gain -> gain > 0)
                .map(gain -> -gain).sorted().map(gain -> -gain) // descending
                .limit(k)
                .toArray();
        double idealDcg = 0;
        for (int i = 0; i < idealGains.length; i++) {
            idealDcg += idealGains[i] / log2(i + 2);
        }
        return idealDcg > 0 ? dcg / idealDcg : 0.0;
    }

    /** Recall@k of one ranking (trec_eval {@code recall.k}). */
    public static double recall(List<String> ranking, Map<String, Integer> judgments, int k) {
        long relevant = judgments.values().stream().filter(grade -> grade > 0).count();
        return relevant == 0 ? 0.0 : (double) relevantIn(top(ranking, k), judgments) / relevant;
    }

    /** Reciprocal rank of the first relevant document within the top k, else 0 (BEIR {@code MRR@k}). */
    public static double reciprocalRank(List<String> ranking, Map<String, Integer> judgments, int k) {
        List<String> top = top(ranking, k);
        for (int i = 0; i < top.size(); i++) {
            if (gain(judgments.get(top.get(i))) > 0) {
                return 1.0 / (i + 1);
            }
        }
        return 0.0;
    }

    /** Precision@k of one ranking (trec_eval {@code P.k}): always divided by k. */
    public static double precision(List<String> ranking, Map<String, Integer> judgments, int k) {
        return (double) relevantIn(top(ranking, k), judgments) / k;
    }

    private static List<String> top(List<String> ranking, int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("cut-off k must be positive: " + k);
        }
        List<String> top = ranking.subList(0, Math.min(k, ranking.size()));
        var seen = new HashSet<String>();
        for (String docId : top) {
            if (!seen.add(docId)) {
                throw new IllegalArgumentException("document '" + docId + "' appears twice in the ranking");
            }
        }
        return top;
    }

    private static int relevantIn(List<String> top, Map<String, Integer> judgments) {
        int relevant = 0;
        for (String docId : top) {
            if (gain(judgments.get(docId)) > 0) {
                relevant++;
            }
        }
        return relevant;
    }

    /** trec_eval's ndcg_cut gain: the grade when positive; unjudged and non-relevant give nothing. */
    private static int gain(Integer grade) {
        return grade == null || grade <= 0 ? 0 : grade;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
