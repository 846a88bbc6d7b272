package io.supportkb.ml.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.supportkb.ml.answer.AnswerRequest;
import io.supportkb.ml.answer.CitationChecker;
import io.supportkb.ml.answer.ExtractiveAnswerer;
import io.supportkb.ml.answer.GroundedAnswer;
import io.supportkb.ml.answer.Passage;
import io.supportkb.ml.bench.AlternatingRounds.Contender;
import io.supportkb.ml.bench.AlternatingRounds.Timings;
import io.supportkb.ml.bench.BenchReport.Table;
import io.supportkb.ml.chunk.Chunk;
import io.supportkb.ml.chunk.Chunker;
import io.supportkb.ml.chunk.ChunkerConfig;
import io.supportkb.ml.chunk.SourceFormat;
import io.supportkb.ml.embed.Embedder;
import io.supportkb.ml.index.ChunkHit;
import io.supportkb.ml.index.DocumentHit;
import io.supportkb.ml.index.IndexConfig;
import io.supportkb.ml.index.IndexedChunk;
import io.supportkb.ml.index.KnowledgeIndex;
import io.supportkb.ml.index.SearchFilters;
import io.supportkb.ml.index.SearchMode;
import io.supportkb.ml.index.SearchRequest;
import io.supportkb.ml.index.TextAnalysis;

/**
 * Latency of the extractive answer on top of search, in process: the demo knowledge base's Markdown articles,
 * runbooks and FAQ are chunked, embedded and indexed; then each of its 30 questions is asked in two ways, in
 * alternating order per round: "search" (query embedding + hybrid search, top 5) and "search + answer" (the same,
 * then {@link ExtractiveAnswerer} on the hits' chunks, as the server does for {@code answer: true}). Each round uses
 * a fresh answerer, so its sentence-vector memo is empty and every answer embeds its candidate sentences, as a
 * cache-missing query would. The report gives p50/p99 of both and of the answer step alone, and the ratio.
 */
public final class AnswerBenchmark {

    private static final String COLLECTION = "demo";
    private static final String SEARCH = "search (embed query + hybrid top 5)";
    private static final String ANSWERED = "search + extractive answer";

    private AnswerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchArgs a = new BenchArgs(args, Set.of("rounds", "demo", "out"));
        int rounds = a.integer("rounds", 5);
        Path demo = Path.of(a.string("demo", ProjectLayout.defaultDemo().toString()));
        Path out = Path.of(a.string("out", ProjectLayout.defaultResults().toString()));
        run(demo, rounds, BenchReport.commandLine(AnswerBenchmark.class, args)).publish(out);
    }

    static BenchReport run(Path demo, int rounds, String command) throws Exception {
        String startedAt = BenchReport.now();
        MachineInfo machine = MachineInfo.current();
        List<String> questions = questions(demo.resolve("queries.jsonl"));
        try (Embedder embedder = Embedder.loadDefault(); TextAnalysis analysis = new TextAnalysis();
             KnowledgeIndex index = KnowledgeIndex.inMemory(IndexConfig.defaults())) {
            int chunks = indexDemo(demo, embedder, index);
            List<Double> answerMs = new ArrayList<>();
            int[] answered = new int[1];
            Contender search = new Contender(SEARCH, r -> time(questions, q -> search(embedder, index, q)),
                    r -> time(questions, q -> search(embedder, index, q)));
            Contender withAnswer = new Contender(ANSWERED, null, r -> {
                ExtractiveAnswerer answerer = new ExtractiveAnswerer(embedder, new CitationChecker(analysis, 0.6),
                        ExtractiveAnswerer.Config.defaults());
                return time(questions, q -> {
                    Found found = search(embedder, index, q);
                    GroundedAnswer answer = answerer.answer(new AnswerRequest(q, found.vector(), found.passages(),
                            false, null), t -> { });
                    if (r >= 0) {
                        answerMs.add(answer.timings().totalMs());
                        answered[0] += answer.status() == GroundedAnswer.Status.ANSWERED ? 1 : 0;
                    }
                });
            });
            Map<String, Timings> timings = AlternatingRounds.run(List.of(search, withAnswer), rounds,
                    System.out::println);
            return report(startedAt, command, machine, questions.size(), chunks, rounds, timings, answerMs,
                    answered[0]);
        }
    }

    private record Found(float[] vector, List<Passage> passages) {
    }

    private static Found search(Embedder embedder, KnowledgeIndex index, String question) {
        float[] vector = embedder.embedQuery(question);
        List<DocumentHit> hits = index.search(new SearchRequest(COLLECTION, question, vector, SearchMode.HYBRID, 5, 1,
                SearchFilters.none(), 0)).hits();
        List<Passage> passages = new ArrayList<>();
        for (DocumentHit hit : hits) {
            for (ChunkHit chunk : hit.chunks()) {
                passages.add(new Passage(passages.size() + 1, hit.documentId(), hit.title(), chunk.ordinal(),
                        chunk.text(), chunk.charStart()));
            }
        }
        return new Found(vector, passages);
    }

    @FunctionalInterface
    private interface Ask {
        void ask(String question) throws Exception;
    }

    private static long[] time(List<String> questions, Ask ask) throws Exception {
        long[] nanos = new long[questions.size()];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            ask.ask(questions.get(i));
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static int indexDemo(Path demo, Embedder embedder, KnowledgeIndex index) throws IOException {
        Chunker chunker = new Chunker(embedder, ChunkerConfig.defaults());
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("articles", "runbooks")) {
            try (Stream<Path> listed = Files.list(demo.resolve(folder))) {
                listed.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
            }
        }
        files.add(demo.resolve("faq.md"));
        int total = 0;
        for (Path file : files) {
            String text = Files.readString(file);
            String title = text.lines().findFirst().orElse("").replaceFirst("^#\\s*", "");
            String id = demo.relativize(file).toString();
            List<Chunk> chunks = chunker.chunk(title, text, file.endsWith("faq.md") ? SourceFormat.FAQ
                    : SourceFormat.MARKDOWN);
            List<float[]> vectors = embedder.embedPassages(chunks.stream().map(Chunk::embeddingText).toList());
            List<IndexedChunk> indexed = new ArrayList<>(chunks.size());
            for (int i = 0; i < chunks.size(); i++) {
                Chunk c = chunks.get(i);
                indexed.add(new IndexedChunk(id + "#" + c.ordinal(), id, COLLECTION, c.ordinal(), title, "", c.text(),
                        c.charStart(), c.charEnd(), "article", List.of(), "en", 0L, vectors.get(i)));
            }
            index.replaceDocument(COLLECTION, id, indexed);
            total += chunks.size();
        }
        index.commit(1);
        return total;
    }

    private static List<String> questions(Path queries) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> questions = new ArrayList<>();
        for (String line : Files.readAllLines(queries)) {
            if (!line.isBlank()) {
                JsonNode node = json.readTree(line);
                questions.add(node.get("text").asText());
            }
        }
        return questions;
    }

    private static BenchReport report(String startedAt, String command, MachineInfo machine, int questions,
                                      int chunks, int rounds, Map<String, Timings> timings, List<Double> answerMs,
                                      int answered) {
        LatencySummary search = LatencySummary.ofNanos(timings.get(SEARCH).allOperations());
        LatencySummary both = LatencySummary.ofNanos(timings.get(ANSWERED).allOperations());
        long[] answerNanos = answerMs.stream().mapToLong(ms -> Math.round(ms * 1_000_000)).toArray();
        LatencySummary answer = LatencySummary.ofNanos(answerNanos);
        List<List<String>> rows = List.of(row(SEARCH, search), row(ANSWERED, both), row("answer step alone", answer));
        double ratio = both.p50Ms() / search.p50Ms();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("corpus", "demo/ articles + runbooks (Markdown) + faq.md: " + chunks + " chunks");
        settings.put("questions", questions + " (demo/queries.jsonl), each asked once per round and contender");
        settings.put("rounds", rounds + " alternating (plus one warm-up round of search)");
        settings.put("model", "bge-small-en-v1.5, EmbedderConfig.defaults()");
        settings.put("answerer", "ExtractiveAnswerer.Config.defaults() (top 3 passages, at most 3 sentences), "
                + "a fresh one per round (empty sentence-vector memo)");
        List<String> notes = List.of(String.format(Locale.ROOT, "Search + answer p50 is %.2fx search alone "
                        + "(%.1f vs %.1f ms); the answer step alone: p50 %.1f ms, p99 %.1f ms.", ratio, both.p50Ms(),
                search.p50Ms(), answer.p50Ms(), answer.p99Ms()), String.format(Locale.ROOT,
                "%d of %d answers were ANSWERED (the rest: not enough information).", answered, answerMs.size()),
                "The answer step embeds up to 40 candidate sentences of the top 3 chunks per question (batched, "
                        + "memoised per answerer): that embedding is most of its cost.");
        return new BenchReport("answer", "Extractive answer latency on top of search", startedAt, command, machine,
                MachineInfo.loadAverageNow(), settings,
                List.of(new Table("Latency per question (ms)", List.of("what", "n", "mean", "p50", "p90", "p99",
                        "max"), rows)), notes, Map.of("answerMs", answerMs));
    }

    private static List<String> row(String name, LatencySummary s) {
        return List.of(name, Integer.toString(s.count()), f(s.meanMs()), f(s.p50Ms()), f(s.p90Ms()), f(s.p99Ms()),
                f(s.maxMs()));
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
