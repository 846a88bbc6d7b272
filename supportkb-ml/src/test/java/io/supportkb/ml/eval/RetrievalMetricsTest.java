package io.supportkb.ml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.supportkb.ml.eval.RetrievalMetrics.Measure;
import io.supportkb.ml.eval.RetrievalMetrics.Metric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetrievalMetricsTest {

    private static final double EPS = 1e-9;

    @Test
    void ndcgMatchesHandComputedValueWithGradedRelevance() {
        var judgments = Map.of("a", 3, "b", 2, "c", 1, "d", 0);
        var ranking = List.of("d", "b", "x", "a", "c");
        // DCG  = 0/log2(2) + 2/log2(3) + 0/log2(4) + 3/log2(5) + 1/log2(6)
        //      = 0 + 1.2618595 + 0 + 1.2920297 + 0.3868528 = 2.9407420
        // IDCG = 3/log2(2) + 2/log2(3) + 1/log2(4) = 3 + 1.2618595 + 0.5 = 4.7618595
        // nDCG = 2.9407420 / 4.7618595 = 0.6175617
        assertThat(RetrievalMetrics.ndcg(ranking, judgments, 10)).isCloseTo(0.6175616866, within(EPS));
        // @3: DCG = 2/log2(3) = 1.2618595; the ideal @3 is still all three graded docs: 0.2649930
        assertThat(RetrievalMetrics.ndcg(ranking, judgments, 3)).isCloseTo(0.2649930149, within(EPS));
    }

    @Test
    void idealDcgIsCutAtKLikeTrecEvalNdcgCut() {
        // three relevant docs, only two ideal slots at k=2:
        // DCG = 1/log2(3) = 0.6309298; IDCG@2 = 1 + 1/log2(3) = 1.6309298; nDCG = 0.3868528
        var judgments = Map.of("a", 1, "b", 1, "c", 1);
        assertThat(RetrievalMetrics.ndcg(List.of("x", "a"), judgments, 2)).isCloseTo(0.3868528072, within(EPS));
    }

    @Test
    void queryWithNoRelevantDocumentRetrievedScoresZeroOnEveryMetric() {
        var judgments = Map.of("a", 1, "b", 2);
        var ranking = List.of("x", "y", "z");
        for (Metric metric : RetrievalMetrics.BEIR_DEFAULT) {
            assertThat(metric.score(ranking, judgments)).as(metric.name()).isZero();
        }
    }

    @Test
    void precisionAtTenDividesByTenEvenWithFewerResults() {
        var judgments = Map.of("a", 1, "b", 1, "c", 1);
        var ranking = List.of("a", "x", "b");
        // 2 relevant retrieved / 10, not / 3
        assertThat(RetrievalMetrics.precision(ranking, judgments, 10)).isCloseTo(0.2, within(EPS));
        // recall: 2 of the 3 relevant
        assertThat(RetrievalMetrics.recall(ranking, judgments, 10)).isCloseTo(2.0 / 3, within(EPS));
        // top 1 is "a": 1/1
        assertThat(RetrievalMetrics.precision(ranking, judgments, 1)).isCloseTo(1.0, within(EPS));
    }

    @Test
    void reciprocalRankIgnoresFirstRelevantDocumentBeyondTheCutOff() {
        var judgments = Map.of("a", 1);
        var ranking = new ArrayList<String>();
        IntStream.rangeClosed(1, 10).forEach(i -> ranking.add("x" + i));
        ranking.add("a"); // rank 11
        assertThat(RetrievalMetrics.reciprocalRank(ranking, judgments, 10)).isZero();
        assertThat(RetrievalMetrics.reciprocalRank(ranking, judgments, 20)).isCloseTo(1.0 / 11, within(EPS));
        // only the first relevant counts: "a" at rank 2 -> 1/2
        assertThat(RetrievalMetrics.reciprocalRank(List.of("x", "a", "b"), Map.of("a", 1, "b", 1), 10))
                .isCloseTo(0.5, within(EPS));
    }

    @Test
    void zeroAndNegativeGradesAreNotRelevant() {
        var judgments = Map.of("a", 0, "b", -1, "c", 1);
        var ranking = List.of("a", "b", "c");
        assertThat(RetrievalMetrics.precision(ranking, judgments, 3)).isCloseTo(1.0 / 3, within(EPS));
        assertThat(RetrievalMetrics.reciprocalRank(ranking, judgments, 10)).isCloseTo(1.0 / 3, within(EPS));
        assertThat(RetrievalMetrics.recall(ranking, judgments, 10)).isCloseTo(1.0, within(EPS));
        // DCG = 1/log2(4) = 0.5 (no negative gain, unlike trec_eval's plain ndcg); IDCG = 1
        assertThat(RetrievalMetrics.ndcg(ranking, judgments, 10)).isCloseTo(0.5, within(EPS));
    }

    @Test
    void queryWithoutAnyRelevantJudgmentScoresZero() {
        var judgments = Map.of("a", 0);
        assertThat(RetrievalMetrics.ndcg(List.of("a"), judgments, 10)).isZero();
        assertThat(RetrievalMetrics.recall(List.of("a"), judgments, 10)).isZero();
    }

    @Test
    void meanCountsAJudgedQueryWithoutRankingAsZero() {
        var qrels = Qrels.of(Map.of("q1", Map.of("a", 1), "q2", Map.of("b", 1)));
        var rankings = Map.of("q1", List.of("a"), "unjudged", List.of("b"));
        // q1 is perfect (1.0), q2 has no ranking (0.0), "unjudged" is ignored: mean 0.5
        Map<String, Double> mean = RetrievalMetrics.mean(qrels, rankings, RetrievalMetrics.BEIR_DEFAULT);
        assertThat(mean).containsOnlyKeys("NDCG@10", "Recall@10", "Recall@100", "MRR@10", "P@10");
        assertThat(mean.get("NDCG@10")).isCloseTo(0.5, within(EPS));
        assertThat(mean.get("Recall@100")).isCloseTo(0.5, within(EPS));
        assertThat(mean.get("MRR@10")).isCloseTo(0.5, within(EPS));
        // (1/10 + 0) / 2
        assertThat(mean.get("P@10")).isCloseTo(0.05, within(EPS));
    }

    @Test
    void meanKeepsTheOrderOfTheRequestedMetrics() {
        var qrels = Qrels.of(Map.of("q", Map.of("a", 1)));
        var metrics = List.of(Metric.parse("P@5"), Metric.parse("ndcg@3"), Metric.parse("MRR@10"));
        assertThat(RetrievalMetrics.mean(qrels, Map.of("q", List.of("a")), metrics))
                .containsExactly(Map.entry("P@5", 0.2), Map.entry("NDCG@3", 1.0), Map.entry("MRR@10", 1.0));
    }

    @Test
    void rejectsADocumentRankedTwice() {
        var qrels = Qrels.of(Map.of("q7", Map.of("a", 1)));
        assertThatThrownBy(() -> RetrievalMetrics.mean(qrels, Map.of("q7", List.of("a", "b", "a")),
                RetrievalMetrics.BEIR_DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("q7").hasMessageContaining("'a'");
    }

    @Test
    void metricNamesFollowBeirSpelling() {
        assertThat(RetrievalMetrics.BEIR_DEFAULT).extracting(Metric::name)
                .containsExactly("NDCG@10", "Recall@10", "Recall@100", "MRR@10", "P@10");
        assertThat(Metric.parse("recall@100")).isEqualTo(new Metric(Measure.RECALL, 100));
        assertThatThrownBy(() -> Metric.parse("MAP@10")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Metric(Measure.NDCG, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idealOrderingScoresOneAndAnyOrderingStaysWithinZeroAndOne() {
        var random = new Random(20240607L);
        for (int trial = 0; trial < 200; trial++) {
            var judgments = new HashMap<String, Integer>();
            int docs = 1 + random.nextInt(30);
            for (int d = 0; d < docs; d++) {
                judgments.put("d" + d, random.nextInt(4) - 1); // grades -1..2
            }
            var ideal = judgments.keySet().stream()
                    .sorted(Comparator.comparing((String d) -> -judgments.get(d)).thenComparing(d -> d))
                    .toList();
            var shuffled = new ArrayList<>(ideal);
            java.util.Collections.shuffle(shuffled, random);
            int k = 1 + random.nextInt(20);
            boolean anyRelevant = judgments.values().stream().anyMatch(g -> g > 0);
            assertThat(RetrievalMetrics.ndcg(ideal, judgments, k)).isCloseTo(anyRelevant ? 1.0 : 0.0, within(EPS));
            assertThat(RetrievalMetrics.ndcg(shuffled, judgments, k)).isBetween(0.0, 1.0 + EPS);
        }
    }
}
