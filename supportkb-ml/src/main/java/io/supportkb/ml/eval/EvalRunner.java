package io.supportkb.ml.eval;

import io.supportkb.ml.chunk.Chunk;
import io.supportkb.ml.chunk.Chunker;
import io.supportkb.ml.chunk.ChunkerConfig;
import io.supportkb.ml.chunk.SourceFormat;
import io.supportkb.ml.chunk.TextNormalizer;
import io.supportkb.ml.embed.Embedder;
import io.supportkb.ml.embed.EmbedderConfig;
import io.supportkb.ml.embed.ModelSource;
import io.supportkb.ml.index.DocumentHit;
import io.supportkb.ml.index.IndexConfig;
import io.supportkb.ml.index.IndexedChunk;
import io.supportkb.ml.index.KnowledgeIndex;
import io.supportkb.ml.index.SearchFilters;
import io.supportkb.ml.index.SearchMode;
import io.supportkb.ml.index.SearchRequest;
import io.supportkb.ml.index.VectorFeedback;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Evaluates retrieval on a BEIR-layout data set through the same code the server uses: {@link Chunker}
 * → {@link Embedder} → {@link KnowledgeIndex} → {@link KnowledgeIndex#search}. Documents are ranked by
 * their best chunk (the BEIR convention for chunked corpora), so metrics are per document.
 *
 * <p>Writes into {@link Settings#out()}: {@code report.json}, {@code report.md} and one TREC run file per
 * mode ({@code run-<mode>.trec}, top {@link Settings#depth()} documents per query) that trec_eval or
 * pytrec_eval can score independently.
 */
public final class EvalRunner {

    private static final String COLLECTION = "eval";

    /**
     * @param dataset BEIR folder (corpus.jsonl, queries.jsonl, qrels/)
     * @param split qrels split, e.g. {@code test}
     * @param modes retrieval modes to evaluate, in report order
     * @param model built-in model id or local model folder
     * @param out report folder (created)
     * @param chunker chunk budget and overlap in model tokens
     * @param index HNSW, fusion and BM25 settings
     * @param candidates chunks fetched per retriever before grouping by document (kNN k = efSearch)
     * @param depth documents ranked per query (metrics use up to 100, TREC runs hold this many)
     * @param cacheDir passage-vector cache folder, or null for none
     * @param embedder ONNX sessions and threads
     * @param feedback pseudo-relevance feedback of the kNN retriever (vector and hybrid modes), or null for none
     */
    public record Settings(Path dataset, String split, List<SearchMode> modes, String model, Path out,
            ChunkerConfig chunker, IndexConfig index, int candidates, int depth, Path cacheDir,
            EmbedderConfig embedder, boolean queryAsPassage, VectorFeedback feedback) {
    }

    private final Settings settings;
    private final PrintStream log;

    public EvalRunner(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    public EvalReport run() throws IOException {
        BeirDataset dataset = BeirDataset.load(settings.dataset(), settings.split());
        List<Query> queries = dataset.queries().stream().filter(q -> dataset.qrels().contains(q.id())).toList();
        log.printf(Locale.ROOT, "%s: %d documents, %d queries with judgments (split %s)%n",
                dataset.name(), dataset.corpus().size(), queries.size(), dataset.splitDescription());
        Files.createDirectories(settings.out());
        Map<String, Double> timings = new LinkedHashMap<>();
        Path indexDir = Files.createTempDirectory("supportkb-eval-index");
        try (Embedder embedder = Embedder.load(ModelSource.of(settings.model()), settings.embedder());
             KnowledgeIndex index = KnowledgeIndex.open(indexDir, settings.index())) {
            long start = System.nanoTime();
            List<ChunkedDoc> chunked = chunk(dataset.corpus(), new Chunker(embedder, settings.chunker()));
            timings.put("chunk", millisSince(start));
            int chunkCount = chunked.stream().mapToInt(c -> c.chunks().size()).sum();
            start = System.nanoTime();
            List<float[]> vectors = embedChunks(embedder, chunked, chunkCount);
            timings.put("embedPassages", millisSince(start));
            start = System.nanoTime();
            indexChunks(index, chunked, vectors);
            timings.put("index", millisSince(start));

            start = System.nanoTime();
            Map<String, float[]> queryVectors = new LinkedHashMap<>();
            for (Query query : queries) {
                queryVectors.put(query.id(), settings.queryAsPassage() ? embedder.embedQueryAsPassage(query.text())
                        : embedder.embedQuery(query.text()));
            }
            timings.put("embedQueries", millisSince(start));

            EvalReport report = new EvalReport(dataset.name(), embedder.model().id(), config(embedder, dataset),
                    counts(dataset, queries, chunkCount), List.of(), Published.forDataset(dataset.name()), Instant.now());
            for (SearchMode mode : settings.modes()) {
                report = report.withMode(evaluate(mode, dataset, queries, queryVectors, index, timings));
            }
            report.writeJson(settings.out().resolve("report.json"));
            report.writeMarkdown(settings.out().resolve("report.md"));
            return report;
        } finally {
            deleteRecursively(indexDir);
        }
    }

    private record ChunkedDoc(CorpusDoc doc, String title, List<Chunk> chunks) {
    }

    private List<ChunkedDoc> chunk(List<CorpusDoc> corpus, Chunker chunker) {
        EvalProgress progress = EvalProgress.onStandardError("chunking", corpus.size(), "docs");
        List<ChunkedDoc> chunked = new ArrayList<>(corpus.size());
        for (CorpusDoc doc : corpus) {
            // the server's canonical form of an upload, so that both index the same text
            String title = TextNormalizer.normalizeLine(doc.title());
            List<Chunk> chunks = chunker.chunk(title, TextNormalizer.normalize(doc.text()), SourceFormat.PLAIN);
            if (chunks.isEmpty() && !title.isEmpty()) {
                // A title-only document is still findable by its title.
                chunks = chunker.chunk(null, title, SourceFormat.PLAIN);
            }
            chunked.add(new ChunkedDoc(doc, title, chunks));
            progress.advance(1);
        }
        progress.finish();
        return chunked;
    }

    private List<float[]> embedChunks(Embedder embedder, List<ChunkedDoc> chunked, int chunkCount) {
        List<String> texts = new ArrayList<>(chunkCount);
        chunked.forEach(c -> c.chunks().forEach(chunk -> texts.add(chunk.embeddingText())));
        float[][] vectors = new float[texts.size()][];
        List<Integer> missing = new ArrayList<>();
        EmbeddingCache cache = settings.cacheDir() == null ? null
                : EmbeddingCache.open(settings.cacheDir(), embedder.model().id(), embedder.model().dimensions());
        try {
            for (int i = 0; i < texts.size(); i++) {
                vectors[i] = cache == null ? null : cache.get(texts.get(i));
                if (vectors[i] == null) {
                    missing.add(i);
                }
            }
            if (missing.size() < texts.size()) {
                log.printf(Locale.ROOT, "embedding cache: %d of %d passages cached%n", texts.size() - missing.size(), texts.size());
            }
            EvalProgress progress = EvalProgress.onStandardError("embedding", missing.size(), "passages");
            int batch = 256; // progress and cache granularity; the Embedder batches by length inside
            for (int from = 0; from < missing.size(); from += batch) {
                List<Integer> slice = missing.subList(from, Math.min(missing.size(), from + batch));
                List<float[]> out = embedder.embedPassages(slice.stream().map(texts::get).toList());
                for (int k = 0; k < slice.size(); k++) {
                    vectors[slice.get(k)] = out.get(k);
                    if (cache != null) {
                        cache.put(texts.get(slice.get(k)), out.get(k));
                    }
                }
                progress.advance(slice.size());
            }
            progress.finish();
        } finally {
            if (cache != null) {
                cache.close();
            }
        }
        return Arrays.asList(vectors);
    }

    private void indexChunks(KnowledgeIndex index, List<ChunkedDoc> chunked, List<float[]> vectors) {
        int v = 0;
        for (ChunkedDoc c : chunked) {
            List<IndexedChunk> chunks = new ArrayList<>(c.chunks().size());
            for (Chunk chunk : c.chunks()) {
                String context = chunk.headingPath().size() > 1
                        ? String.join(" > ", chunk.headingPath().subList(1, chunk.headingPath().size())) : "";
                chunks.add(new IndexedChunk(c.doc().id() + "#" + chunk.ordinal(), c.doc().id(), COLLECTION,
                        chunk.ordinal(), c.title(), context, chunk.text(), chunk.charStart(), chunk.charEnd(),
                        "article", List.of(), "en", 0L, vectors.get(v++)));
            }
            if (!chunks.isEmpty()) {
                index.replaceDocument(COLLECTION, c.doc().id(), chunks);
            }
        }
        index.commit(1);
    }

    private ModeResult evaluate(SearchMode mode, BeirDataset dataset, List<Query> queries,
            Map<String, float[]> queryVectors, KnowledgeIndex index, Map<String, Double> sharedTimings) throws IOException {
        String name = mode.name().toLowerCase(Locale.ROOT);
        Map<String, List<String>> rankings = new LinkedHashMap<>();
        long[] latencies = new long[queries.size()];
        try (TrecRunWriter run = TrecRunWriter.open(settings.out().resolve("run-" + name + ".trec"),
                "supportkb-" + name, settings.depth())) {
            int q = 0;
            for (Query query : queries) {
                long start = System.nanoTime();
                List<DocumentHit> hits = index.search(new SearchRequest(COLLECTION, query.text(),
                        queryVectors.get(query.id()), mode, settings.depth(), 1, SearchFilters.none(),
                        settings.candidates(), settings.feedback())).hits();
                latencies[q++] = System.nanoTime() - start;
                rankings.put(query.id(), hits.stream().map(DocumentHit::documentId).toList());
                run.write(query.id(), hits.stream().map(h -> new ScoredDoc(h.documentId(), h.score())).toList());
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>(
                RetrievalMetrics.mean(dataset.qrels(), rankings, RetrievalMetrics.BEIR_DEFAULT));
        if (!queries.isEmpty() && queries.get(0).intent().isPresent()) {
            metrics.putAll(IntentAccuracy.evaluate(queries, rankings,
                    IntentAccuracy.intentsByDocId(dataset.corpus())).asMetrics());
        }
        Map<String, Double> timings = new LinkedHashMap<>(sharedTimings);
        Arrays.sort(latencies);
        timings.put("searchP50", latencies.length == 0 ? 0 : latencies[latencies.length / 2] / 1e6);
        timings.put("searchP99", latencies.length == 0 ? 0 : latencies[(int) Math.min(latencies.length - 1,
                Math.ceil(latencies.length * 0.99) - 1)] / 1e6);
        log.printf(Locale.ROOT, "%-8s %s%n", name, format(metrics));
        return new ModeResult(name, metrics, timings);
    }

    private Map<String, Object> config(Embedder embedder, BeirDataset dataset) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", embedder.model().id());
        config.put("model.maxTokens", embedder.model().maxTokens());
        config.put("model.pooling", embedder.model().pooling().name());
        config.put("chunk.maxTokens", settings.chunker().maxTokens());
        config.put("chunk.overlapTokens", settings.chunker().overlapTokens());
        config.put("hnsw.M", settings.index().hnswM());
        config.put("hnsw.efConstruction", settings.index().hnswBeamWidth());
        config.put("candidates(efSearch)", settings.candidates());
        config.put("knn.exactMaxChunks", settings.index().exactSearchMaxChunks());
        IndexConfig index = settings.index();
        config.put("fusion", index.fusion().name().toLowerCase(Locale.ROOT));
        switch (index.fusion()) {
            case RRF -> {
                config.put("rrf.k", index.rrfK());
                config.put("rrf.keywordWeight", index.keywordWeight());
            }
            case CONVEX -> {
                config.put("convex.lambda", index.keywordWeight());
                config.put("convex.normalisation", "theoretical min-max: (cos + 1)/(maxCos + 1), bm25/maxBm25");
            }
        }
        if (settings.feedback() != null) {
            config.put("knn.feedback", "Rocchio pseudo-relevance feedback: " + settings.feedback().documents()
                    + " documents, weight " + settings.feedback().weight());
        }
        config.put("queries", settings.queryAsPassage() ? "embedded as passages (no instruction)"
                : "embedded with the model's query prefix");
        config.put("bm25.k1", settings.index().bm25K1());
        config.put("bm25.b", settings.index().bm25B());
        config.put("depth", settings.depth());
        config.put("split", dataset.split());
        config.put("split.queries", dataset.splitDescription());
        return config;
    }

    private static Map<String, Long> counts(BeirDataset dataset, List<Query> queries, int chunks) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("documents", (long) dataset.corpus().size());
        counts.put("chunks", (long) chunks);
        counts.put("queries", (long) queries.size());
        counts.put("judgments", dataset.qrels().size());
        return counts;
    }

    private static String format(Map<String, Double> metrics) {
        StringBuilder line = new StringBuilder();
        metrics.forEach((k, v) -> line.append(String.format(Locale.ROOT, "%s=%.4f  ", k, v)));
        return line.toString().trim();
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    /** Deletes the temporary index folder (a SciFact index is ~30 MB). */
    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
