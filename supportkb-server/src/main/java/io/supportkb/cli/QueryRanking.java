package io.supportkb.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

import io.supportkb.ml.bench.LatencySummary;
import io.supportkb.ml.eval.BeirDataset;
import io.supportkb.ml.eval.EvalProgress;
import io.supportkb.ml.eval.IntentAccuracy;
import io.supportkb.ml.eval.ModeResult;
import io.supportkb.ml.eval.Query;
import io.supportkb.ml.eval.RetrievalMetrics;
import io.supportkb.ml.eval.ScoredDoc;
import io.supportkb.ml.eval.TrecRunWriter;
import tools.jackson.databind.node.ObjectNode;

/**
 * Asks every judged query of a data set through {@code POST /collections/{c}/query} in one mode and scores the
 * rankings with the in-process eval's code: {@link RetrievalMetrics} (BEIR defaults), {@link IntentAccuracy} when
 * queries carry intents, and a TREC run file {@code run-<mode>.trec}. Timings are whole HTTP round trips.
 */
final class QueryRanking {

    private final KbClient client;
    private final String collection;
    private final int depth;
    private final Map<String, List<String>> corpusIdsByDocument;

    /**
     * @param corpusIdsByDocument the corpus ids behind each server document (several when the server kept one
     *                            document for identical texts)
     */
    QueryRanking(KbClient client, String collection, int depth, Map<String, List<String>> corpusIdsByDocument) {
        this.client = client;
        this.collection = collection;
        this.depth = depth;
        this.corpusIdsByDocument = corpusIdsByDocument;
    }

    /**
     * One mode's results.
     *
     * @param cacheHits     queries the server answered from its result cache (a re-run on an unchanged collection)
     * @param failedQueries queries the server refused; they count as finding nothing
     */
    record ModeRun(ModeResult result, long cacheHits, long failedQueries) {
    }

    ModeRun evaluate(String mode, BeirDataset data, Path folder, Map<String, Double> sharedTimings) throws IOException {
        List<Query> queries = data.queries();
        Map<String, List<String>> rankings = new LinkedHashMap<>();
        long[] latencies = new long[queries.size()];
        int cacheHits = 0;
        int failed = 0;
        EvalProgress progress = EvalProgress.onStandardError("querying " + mode, queries.size(), "queries");
        try (TrecRunWriter run = TrecRunWriter.open(folder.resolve("run-" + mode + ".trec"), "supportkb-http-" + mode, depth)) {
            for (int q = 0; q < queries.size(); q++) {
                Query query = queries.get(q);
                long start = System.nanoTime();
                Json answer;
                try {
                    answer = client.postJson(path(), request(query.text(), mode).toString());
                } catch (ApiProblem e) {
                    if (q == 0) {
                        throw new IllegalStateException("the first query failed, so every query would: " + e.getMessage(), e);
                    }
                    System.err.println("query " + query.id() + " failed: " + e.getMessage());
                    failed++;
                    rankings.put(query.id(), List.of());
                    progress.advance(1);
                    continue;
                } finally {
                    latencies[q] = System.nanoTime() - start;
                }
                cacheHits += "hit".equalsIgnoreCase(answer.text("cache")) ? 1 : 0;
                List<ScoredDoc> ranked = rank(answer.items("hits"), mode);
                rankings.put(query.id(), ranked.stream().map(ScoredDoc::docId).toList());
                run.write(query.id(), ranked);
                progress.advance(1);
            }
        }
        progress.finish();
        Map<String, Double> metrics = new LinkedHashMap<>(
                RetrievalMetrics.mean(data.qrels(), rankings, RetrievalMetrics.BEIR_DEFAULT));
        if (!queries.isEmpty() && queries.get(0).intent().isPresent()) {
            metrics.putAll(IntentAccuracy.evaluate(queries, rankings, IntentAccuracy.intentsByDocId(data.corpus())).asMetrics());
        }
        Map<String, Double> timings = new LinkedHashMap<>(sharedTimings);
        if (latencies.length > 0) {
            LatencySummary summary = LatencySummary.ofNanos(latencies);
            timings.put("httpQueryP50", summary.p50Ms());
            timings.put("httpQueryP99", summary.p99Ms());
        }
        System.out.printf(Locale.ROOT, "%-8s %s%n", mode, format(metrics));
        return new ModeRun(new ModeResult(mode, metrics, timings), cacheHits, failed);
    }

    private String path() {
        return "/api/v1/collections/" + KbClient.encode(collection) + "/query";
    }

    private ObjectNode request(String text, String mode) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("query", text);
        body.put("topK", depth);
        body.put("mode", mode);
        body.put("chunksPerDocument", 1);
        return body;
    }

    /**
     * Hits in the server's order as corpus ids with the mode's own score (fused, cosine or BM25; 1/rank when the
     * server sent none), at most {@code depth}.
     */
    List<ScoredDoc> rank(List<Json> hits, String mode) {
        Set<String> seen = new LinkedHashSet<>();
        List<ScoredDoc> ranked = new ArrayList<>();
        int rank = 0;
        for (Json hit : hits) {
            rank++;
            double score = score(hit, mode).orElse(1.0 / rank);
            List<String> ids = corpusIdsByDocument.get(hit.text("documentId"));
            if (ids == null) {
                ids = hit.text("externalId") == null ? List.of() : List.of(hit.text("externalId"));
            }
            for (String id : ids) {
                if (seen.add(id) && ranked.size() < depth) {
                    ranked.add(new ScoredDoc(id, score));
                }
            }
        }
        return ranked;
    }

    private static OptionalDouble score(Json hit, String mode) {
        String own = switch (mode) {
            case "vector" -> "vectorCosine";
            case "keyword" -> "bm25Score";
            default -> "fusedScore";
        };
        for (String path : new String[] {"scores." + own, own, "scores.fusedScore", "score"}) {
            OptionalDouble value = hit.number(path);
            if (value.isPresent() && Double.isFinite(value.getAsDouble())) {
                return value;
            }
        }
        return OptionalDouble.empty();
    }

    private static String format(Map<String, Double> metrics) {
        StringBuilder line = new StringBuilder();
        metrics.forEach((k, v) -> line.append(String.format(Locale.ROOT, "%s=%.4f  ", k, v)));
        return line.toString().trim();
    }
}
