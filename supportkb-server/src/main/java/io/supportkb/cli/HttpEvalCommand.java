package io.supportkb.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.supportkb.ml.eval.BeirDataset;
import io.supportkb.ml.eval.CorpusDoc;
import io.supportkb.ml.eval.EvalProgress;
import io.supportkb.ml.eval.EvalReport;
import io.supportkb.ml.eval.EvalSetOptions;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code kb eval --url}: the in-process evaluation's report, produced through a running server's HTTP API. The BEIR
 * corpus is ingested as JSON Lines batches of plain-text documents ({@code externalId} = corpus {@code _id}), every
 * judged query is asked through {@code POST /collections/{c}/query}, and hits are mapped back to corpus ids by their
 * document (several corpus ids when the server found their texts identical and kept one document). Scoring and the
 * report are the supportkb-ml classes the in-process eval uses ({@link QueryRanking}).
 */
@Command(name = "eval-http", mixinStandardHelpOptions = true,
        header = "Evaluate retrieval through a running server (same as eval --url).",
        description = {"Evaluate retrieval through a running server's HTTP API on a BEIR-layout data set: ingest the "
                + "corpus, ask every judged query, write report.json, report.md and TREC runs like the in-process "
                + "kb eval. Same as kb eval --url URL ...",
                "Example:",
                "  kb eval --url http://localhost:8080 --dataset ../shared/eval/scifact --mode hybrid"})
final class HttpEvalCommand extends ApiCommand {

    @Mixin
    EvalSetOptions set;

    @Option(names = "--collection", description = "collection to ingest into (default: eval-<dataset>)")
    String collection;

    @Option(names = "--fresh", description = "delete the collection first (otherwise a re-run finds its documents "
            + "already there: they are duplicates and nothing is re-indexed)")
    boolean fresh;

    @Option(names = "--out", description = "report folder (default: bench/results/<time>-eval-http-<dataset>)")
    Path out;

    @Option(names = "--batch-lines", defaultValue = "500", description = "documents per JSON Lines request (default: ${DEFAULT-VALUE})")
    int batchLines;

    @Option(names = "--depth", defaultValue = "100", description = "documents asked per query, topK (default: ${DEFAULT-VALUE})")
    int depth;

    @Override
    int run(KbClient client) throws IOException {
        List<String> modes = modes();
        BeirDataset data = BeirDataset.load(set.dataset, set.split);
        String target = collection != null ? collection : collectionId("eval-" + data.name());
        Path folder = out != null ? out : Path.of("bench", "results", LocalDateTime.now()
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-eval-http-" + data.name());
        System.out.printf(Locale.ROOT, "%s: %d documents, %d queries with judgments (split %s); collection '%s' at %s%n",
                data.name(), data.corpus().size(), data.queries().size(), set.split, target, client.base());

        if (fresh && client.collection(target).isPresent()) {
            client.delete("/api/v1/collections/" + KbClient.encode(target));
            System.out.println("deleted collection '" + target + "' (--fresh)");
        }
        if (!client.createCollection(target, "kb eval --url: " + data.name())) {
            System.out.println("collection '" + target + "' exists: documents already there are duplicates and are not "
                    + "indexed again (--fresh starts over)");
        }
        Map<String, Double> timings = new LinkedHashMap<>();
        long started = System.nanoTime();
        CorpusUpload upload = upload(client, target, data.corpus());
        timings.put("upload", millisSince(started));
        started = System.nanoTime();
        IndexingWait waiting = new IndexingWait(client, System.err);
        waiting.awaitIndexed(target, upload.accepted());
        waiting.awaitSearchable();
        timings.put("indexing", millisSince(started));
        if (!upload.rejected().isEmpty()) {
            System.err.printf(Locale.ROOT, "%d corpus lines were rejected (they cannot be found), e.g.%n",
                    upload.rejected().size());
            upload.rejected().stream().limit(5).forEach(r -> System.err.println("  " + r.source() + ": " + r.error()));
        }

        IndexedCorpus indexed = IndexedCorpus.read(client, target);
        Files.createDirectories(folder);
        QueryRanking ranking = new QueryRanking(client, target, depth, upload.corpusIdsByDocument());
        List<QueryRanking.ModeRun> runs = new ArrayList<>();
        for (String m : modes) {
            runs.add(ranking.evaluate(m, data, folder, timings));
        }
        EvalReport report = new EvalReport(data.name(), indexed.modelId(), config(client, target),
                counts(data, indexed, upload, runs), runs.stream().map(QueryRanking.ModeRun::result).toList(),
                io.supportkb.ml.eval.Published.forDataset(data.name()), Instant.now());
        report.writeJson(folder.resolve("report.json"));
        report.writeMarkdown(folder.resolve("report.md"));
        System.out.println();
        System.out.println(report.toMarkdown());
        System.out.println("report: " + folder.resolve("report.md"));
        return 0;
    }

    private List<String> modes() {
        return set.modes().stream().map(m -> m.name().toLowerCase(Locale.ROOT)).toList();
    }

    /** What the corpus upload left behind: corpus ids per server document, and the rejected lines. */
    record CorpusUpload(Map<String, List<String>> corpusIdsByDocument, long accepted, List<Submitted> rejected) {
    }

    private CorpusUpload upload(KbClient client, String target, List<CorpusDoc> corpus) {
        Uploader uploader = new Uploader(client, target);
        Map<String, List<String>> idsByDocument = new LinkedHashMap<>();
        List<Submitted> rejected = new ArrayList<>();
        long accepted = 0;
        EvalProgress progress = EvalProgress.onStandardError("uploading", corpus.size(), "docs");
        for (int from = 0; from < corpus.size(); from += batchLines) {
            List<CorpusDoc> batch = corpus.subList(from, Math.min(corpus.size(), from + batchLines));
            for (Submitted s : uploader.sendLines("corpus.jsonl", from + 1, jsonLines(batch))) {
                if (s.line() < 1) {
                    throw new IllegalStateException("the server read only part of a batch: " + s.error());
                }
                String corpusId = corpus.get(s.line() - 1).id();
                switch (s.outcome()) {
                    case ACCEPTED, DUPLICATE -> idsByDocument.computeIfAbsent(s.documentId(), d -> new ArrayList<>()).add(corpusId);
                    case REJECTED -> rejected.add(Submitted.ofFile(corpusId, s.outcome(), null, corpusId, s.error()));
                }
                accepted += s.outcome() == Submitted.Outcome.ACCEPTED ? 1 : 0;
            }
            progress.advance(batch.size());
        }
        progress.finish();
        return new CorpusUpload(idsByDocument, accepted, rejected);
    }

    /**
     * One line per corpus document, {@code format: plain} as the in-process eval chunks them; a document without
     * text is sent with its title as text, as the in-process eval then chunks the title.
     */
    static byte[] jsonLines(List<CorpusDoc> docs) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (CorpusDoc doc : docs) {
            ObjectNode line = Json.MAPPER.createObjectNode();
            line.put("externalId", doc.id());
            if (!doc.title().isBlank()) {
                line.put("title", doc.title());
            }
            line.put("text", doc.text().isBlank() ? doc.title() : doc.text());
            line.put("kind", "article");
            line.put("format", "plain");
            body.writeBytes(Json.MAPPER.writeValueAsString(line).getBytes(StandardCharsets.UTF_8));
            body.write('\n');
        }
        return body.toByteArray();
    }

    private Map<String, Object> config(KbClient client, String target) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("via", "http");
        config.put("url", client.base().toString());
        config.put("collection", target);
        config.put("topK", depth);
        config.put("chunksPerDocument", 1);
        config.put("format", "plain");
        config.put("batchLines", batchLines);
        config.put("depth", depth);
        config.put("split", set.split);
        return config;
    }

    private static Map<String, Long> counts(BeirDataset data, IndexedCorpus indexed, CorpusUpload upload,
            List<QueryRanking.ModeRun> runs) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("documents", (long) data.corpus().size());
        counts.put("chunks", indexed.chunks());
        counts.put("queries", (long) data.queries().size());
        counts.put("judgments", data.qrels().size());
        if (!upload.rejected().isEmpty()) {
            counts.put("rejectedDocuments", (long) upload.rejected().size());
        }
        for (QueryRanking.ModeRun run : runs) {
            counts.put("cacheHits." + run.result().mode(), run.cacheHits());
            if (run.failedQueries() > 0) {
                counts.put("failedQueries." + run.result().mode(), run.failedQueries());
            }
        }
        return counts;
    }

    /** A collection id from a name: lower case, other characters as {@code -}, at most 64 characters. */
    static String collectionId(String name) {
        String id = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
        id = id.length() > 64 ? id.substring(0, 64) : id;
        return id.matches("[a-z0-9].*") ? id : "e" + id.substring(1);
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    /** Facts about the indexed collection: the embedding model and the number of chunks. */
    record IndexedCorpus(String modelId, long chunks) {

        static IndexedCorpus read(KbClient client, String collection) {
            String modelId = null;
            long chunks = 0;
            for (int page = 0; ; page++) {
                Json listing = client.get("/api/v1/collections/" + KbClient.encode(collection)
                        + "/documents?status=INDEXED&size=500&page=" + page);
                List<Json> items = listing.items("items");
                for (Json doc : items) {
                    modelId = modelId == null ? doc.text("modelId") : modelId;
                    chunks += doc.count("chunkCount");
                }
                if (items.size() < 500) {
                    break;
                }
            }
            return new IndexedCorpus(modelId == null ? "unknown" : modelId, chunks);
        }
    }
}
