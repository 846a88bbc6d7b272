package io.supportkb.ml.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Published reference numbers for the evaluation sets in ../shared/eval (see its README). */
public final class Published {

    private Published() {
    }

    public static List<PublishedResult> forDataset(String name) {
        return switch (name) {
            case "scifact" -> List.of(
                    result("BM25 (BEIR paper)", "BEIR paper", "NDCG@10", 0.665),
                    result("BM25 (Anserini, flat index)", "BEIR leaderboard", "NDCG@10", 0.679, "Recall@100", 0.925),
                    result("all-minilm-l6-v2", "MTEB", "NDCG@10", 0.645, "Recall@10", 0.783, "Recall@100", 0.925),
                    result("bge-small-en-v1.5", "MTEB", "NDCG@10", 0.713, "Recall@10", 0.836, "Recall@100", 0.945),
                    result("e5-small-v2", "MTEB", "NDCG@10", 0.689, "Recall@10", 0.809, "Recall@100", 0.928),
                    result("LangChain4j in-process bge-small (this machine)", "issue #3", "NDCG@10", 0.706),
                    result("Spring AI bge-small (this machine)", "issue #3", "NDCG@10", 0.709));
            case "banking77" -> List.of(
                    result("plain BM25 (this machine)", "issue #3", "NDCG@10", 0.659, "IntentAcc@1", 0.789),
                    result("LangChain4j / Spring AI bge-small kNN (this machine)", "issue #3",
                            "NDCG@10", 0.897, "IntentAcc@1", 0.927));
            default -> List.of();
        };
    }

    private static PublishedResult result(String system, String source, Object... pairs) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            metrics.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return new PublishedResult(system, metrics, source);
    }
}
