package io.supportkb.ml.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalReportTest {

    @TempDir
    Path dir;

    private static EvalReport report() {
        var config = new LinkedHashMap<String, Object>();
        config.put("chunk.maxTokens", 256);
        config.put("hnsw.M", 16);
        var vector = new LinkedHashMap<String, Double>();
        vector.put("NDCG@10", 0.71234);
        vector.put("Recall@100", 0.9456);
        var keyword = new LinkedHashMap<String, Double>();
        keyword.put("NDCG@10", 0.6589);
        keyword.put("MRR@10", 0.62);
        return new EvalReport("scifact", "bge-small-en-v1.5", config,
                Map.of("documents", 5183L),
                List.of(new ModeResult("vector", vector, Map.of("queryEmbedding", 1234.56))),
                List.of(new PublishedResult("bge-small-en-v1.5", Map.of("NDCG@10", 0.713), "MTEB")),
                Instant.parse("2025-01-02T03:04:05Z"))
                .withMode(new ModeResult("keyword", keyword, Map.of()));
    }

    @Test
    void markdownSaysWhichSplitWasEvaluated() {
        var config = new LinkedHashMap<String, Object>();
        config.put("split", "holdout");
        config.put("split.queries", "holdout: every 10th corpus document by file order is a query");
        var report = new EvalReport("banking77", "bge-small-en-v1.5", config, Map.of(), List.of(), List.of(),
                Instant.parse("2025-01-02T03:04:05Z"));

        assertThat(report.toMarkdown()).contains("- split: holdout: every 10th corpus document by file order is a query\n");
        assertThat(report().toMarkdown()).doesNotContain("- split:");
    }

    @Test
    void markdownHasATablePerModeWithMetricsToThreeDecimals() throws IOException {
        Path file = dir.resolve("reports/scifact.md");
        report().writeMarkdown(file);
        String md = Files.readString(file);

        assertThat(md).startsWith("# Retrieval evaluation: scifact\n");
        assertThat(md).contains("- model: `bge-small-en-v1.5`", "2025-01-02T03:04:05Z", "documents 5183",
                "`chunk.maxTokens=256`");
        assertThat(md).contains("""
                ## Mode: vector

                | metric | value |
                |---|---:|
                | NDCG@10 | 0.712 |
                | Recall@100 | 0.946 |

                | timing | ms |
                |---|---:|
                | queryEmbedding | 1234.6 |
                """);
        assertThat(md).contains("## Mode: keyword", "| MRR@10 | 0.620 |");
        // side by side: union of metric names, missing cells marked
        assertThat(md).contains("""
                | mode | NDCG@10 | Recall@100 | MRR@10 |
                |---|---:|---:|---:|
                | vector | 0.712 | 0.946 | – |
                | keyword | 0.659 | – | 0.620 |
                """);
        assertThat(md).contains("| bge-small-en-v1.5 | 0.713 | MTEB |");
    }

    @Test
    void jsonHoldsEveryModeWithUnroundedMetricsAndThePublishedNumbers() throws IOException {
        Path file = dir.resolve("scifact.json");
        report().writeJson(file);
        JsonNode json = new ObjectMapper().readTree(file.toFile());

        assertThat(json.get("dataset").asText()).isEqualTo("scifact");
        assertThat(json.get("modelId").asText()).isEqualTo("bge-small-en-v1.5");
        assertThat(json.get("timestamp").asText()).isEqualTo("2025-01-02T03:04:05Z");
        assertThat(json.get("config").get("hnsw.M").asInt()).isEqualTo(16);
        assertThat(json.get("counts").get("documents").asLong()).isEqualTo(5183);
        assertThat(json.get("modes")).hasSize(2);
        assertThat(json.get("modes").get(0).get("mode").asText()).isEqualTo("vector");
        assertThat(json.get("modes").get(0).get("metrics").get("NDCG@10").asDouble()).isEqualTo(0.71234);
        assertThat(json.get("modes").get(0).get("timingsMillis").get("queryEmbedding").asDouble()).isEqualTo(1234.56);
        assertThat(json.get("modes").get(1).get("mode").asText()).isEqualTo("keyword");
        assertThat(json.get("published").get(0).get("metrics").get("NDCG@10").asDouble()).isEqualTo(0.713);
    }

    @Test
    void findsAModeByName() {
        assertThat(report().mode("keyword")).get().extracting(ModeResult::mode).isEqualTo("keyword");
        assertThat(report().mode("hybrid")).isEmpty();
    }
}
