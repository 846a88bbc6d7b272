package io.supportkb.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the query benchmark ingests and asks, read at run time and never copied into the repository: the documents
 * of a BEIR corpus (SciFact abstracts) or of the demo knowledge base, and the queries: a BEIR set's test queries
 * (those judged in {@code qrels/test.tsv}, in {@code queries.jsonl} order) or {@code demo/queries.jsonl}.
 */
record QueryWorkload(List<BenchDocument> documents, List<String> queries, String source) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * @param corpus     {@code scifact} (the BEIR set in {@code dataset}) or {@code demo}
     * @param titles     false: upload every document without its title. The chunker repeats the title in every
     *                   chunk's heading path, so with a small chunk budget it would fill up to half of each chunk
     *                   (and of the embedding work)
     */
    static QueryWorkload load(String corpus, Path dataset, Path demo, int maxDocuments, int maxQueries,
                              boolean titles) {
        boolean isDemo = corpus.equals("demo");
        List<BenchDocument> docs = isDemo ? BenchCorpus.demo(demo, maxDocuments)
                : BenchCorpus.beir(dataset, 0, maxDocuments);
        if (!titles) {
            docs = docs.stream().map(d -> new BenchDocument(d.externalId(), "", d.text(), d.kind())).toList();
        }
        List<String> queries = isDemo ? demoQueries(demo, maxQueries) : testQueries(dataset, maxQueries);
        String source = (isDemo ? demo + " (documents, queries.jsonl)"
                : dataset + " (corpus.jsonl, test queries of qrels/test.tsv)") + (titles ? "" : ", without titles");
        return new QueryWorkload(docs, queries, source);
    }

    /** The leading documents of a workload and the chunks the server's chunker makes of them. */
    record Cut(List<BenchDocument> documents, int chunks) {
    }

    /**
     * The fewest leading documents whose chunks, counted by {@code chunksOf} (the server's own chunker), reach
     * {@code minChunks}; every document when {@code minChunks} is 0.
     *
     * @throws IllegalArgumentException when all documents together make fewer than {@code minChunks} chunks
     */
    Cut cutAt(int minChunks, ToIntFunction<BenchDocument> chunksOf) {
        int chunks = 0;
        for (int i = 0; i < documents.size(); i++) {
            chunks += chunksOf.applyAsInt(documents.get(i));
            if (minChunks > 0 && chunks >= minChunks) {
                return new Cut(documents.subList(0, i + 1), chunks);
            }
        }
        if (chunks < minChunks) {
            throw new IllegalArgumentException("all " + documents.size() + " documents make " + chunks
                    + " chunks, fewer than " + minChunks + ": lower --chunk-tokens or use a larger corpus");
        }
        return new Cut(documents, chunks);
    }

    private static List<String> testQueries(Path dataset, int limit) {
        Set<String> judged = new HashSet<>();
        for (String line : lines(dataset.resolve("qrels/test.tsv"))) {
            String id = line.split("\t")[0];
            if (!id.isBlank() && !id.equals("query-id")) {
                judged.add(id);
            }
        }
        List<String> queries = new ArrayList<>();
        for (String line : lines(dataset.resolve("queries.jsonl"))) {
            JsonNode query = JSON.readTree(line);
            if (queries.size() < limit && judged.contains(query.path("_id").asString())) {
                queries.add(query.path("text").asString());
            }
        }
        return List.copyOf(queries);
    }

    private static List<String> demoQueries(Path demo, int limit) {
        return lines(demo.resolve("queries.jsonl")).stream().map(l -> JSON.readTree(l).path("text").asString())
                .limit(limit).toList();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }
}
