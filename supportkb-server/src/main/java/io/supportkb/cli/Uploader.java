package io.supportkb.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.supportkb.ml.eval.EvalProgress;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Uploads {@link Source}s into one collection: files as multipart uploads, JSON Lines files as batches of
 * {@value #BATCH_LINES} lines. A rejected file or line is recorded with the server's reason and never stops the
 * others; a server that cannot be reached, or a collection that does not exist, stops the upload.
 */
final class Uploader {

    static final int BATCH_LINES = 500;
    private static final int BATCH_BYTES = 4 << 20;

    private final KbClient client;
    private final String collection;

    Uploader(KbClient client, String collection) {
        this.client = client;
        this.collection = collection;
    }

    /** Uploads everything with an {@code uploading} progress bar on standard error; results in upload order. */
    List<Submitted> upload(List<Source> sources) {
        long total = 0;
        for (Source source : sources) {
            total += source.jsonLines() ? countRecords(source) : 1;
        }
        EvalProgress progress = EvalProgress.onStandardError("uploading", total, "docs");
        List<Submitted> results = new ArrayList<>();
        for (Source source : sources) {
            List<Submitted> submitted = source.jsonLines() ? uploadLines(source) : List.of(uploadFile(source));
            results.addAll(submitted);
            progress.advance(submitted.size());
        }
        progress.finish();
        return results;
    }

    Submitted uploadFile(Source source) {
        byte[] content;
        try {
            content = Files.readAllBytes(source.path());
        } catch (IOException e) {
            return Submitted.ofFile(source.label(), Submitted.Outcome.REJECTED, null, null, "cannot read the file: " + e);
        }
        MultipartBody body = new MultipartBody()
                .file("file", source.path().getFileName().toString(), content)
                .field("externalId", source.externalId())
                .field("kind", source.kind());
        try {
            Json answer = client.post(documentsPath(), body.contentType(), body.toByteArray());
            return Submitted.ofFile(source.label(), Submitted.outcome(answer.text("outcome")), answer.text("documentId"),
                    answer.text("externalId"), null);
        } catch (ApiProblem problem) {
            if (problem.status() == 404 && problem.slug().equals("unknown-collection")) {
                throw problem;
            }
            return Submitted.ofFile(source.label(), Submitted.Outcome.REJECTED, null, source.externalId(),
                    problem.getMessage());
        }
    }

    private List<Submitted> uploadLines(Source source) {
        List<Submitted> results = new ArrayList<>();
        try (JsonLinesBatches batches = new JsonLinesBatches(source.path(), BATCH_LINES, BATCH_BYTES,
                withDefaultKind(source.kind()))) {
            JsonLinesBatches.Batch batch;
            while ((batch = batches.next()) != null) {
                results.addAll(sendLines(source.label(), batch.firstLine(), batch.body()));
            }
        } catch (IOException e) {
            results.add(Submitted.ofFile(source.label(), Submitted.Outcome.REJECTED, null, null, "cannot read the file: " + e));
        }
        return results;
    }

    /**
     * Sends one JSON Lines request body; {@code firstLine} is the body's first line number in its file, so results
     * name file lines.
     */
    List<Submitted> sendLines(String label, int firstLine, byte[] body) {
        Json report = client.post(documentsPath(), KbClient.NDJSON, body);
        List<Submitted> results = new ArrayList<>();
        for (Json line : report.items("results")) {
            int number = (int) line.count("line") + firstLine - 1;
            Json error = line.at("error");
            results.add(new Submitted(label, number, Submitted.outcome(line.text("outcome")),
                    line.text("documentId"), line.text("externalId"),
                    error.isPresent() ? ApiProblem.describe(error) : null));
        }
        if (report.flag("truncated")) {
            results.add(Submitted.ofFile(label, Submitted.Outcome.REJECTED, null, null,
                    "the server read only part of the batch (supportkb.ingestion.limits.max-batch-lines)"));
        }
        return results;
    }

    private String documentsPath() {
        return "/api/v1/collections/" + KbClient.encode(collection) + "/documents";
    }

    private static long countRecords(Source source) {
        try {
            return JsonLinesBatches.countRecords(source.path());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.path(), e);
        }
    }

    /** Adds {@code "kind"} to JSON objects that have none (tickets, recognised by {@code messages}, keep theirs). */
    private static UnaryOperator<byte[]> withDefaultKind(String kind) {
        if (kind == null) {
            return line -> line;
        }
        return line -> {
            try {
                JsonNode node = Json.MAPPER.readTree(line);
                if (node instanceof ObjectNode object && !object.has("kind") && !object.has("messages")) {
                    object.put("kind", kind);
                    return Json.MAPPER.writeValueAsString(object).getBytes(StandardCharsets.UTF_8);
                }
            } catch (RuntimeException malformed) {
                // sent as is: the server reports the line with its number
            }
            return line;
        };
    }
}
