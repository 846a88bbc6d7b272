package io.supportkb.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import io.supportkb.ml.chunk.SourceFormat;
import tools.jackson.databind.json.JsonMapper;

/**
 * One document as the benchmark uploads it (a JSON Lines line, format Markdown, the server's default) and as the
 * baseline chunks it. Title and text are already in the server's canonical form ({@link BenchCorpus#canonical}),
 * so the server stores, and chunks, exactly the text the baseline chunks.
 *
 * @param kind wire name: {@code article}, {@code faq}, {@code runbook} or {@code ticket}
 */
record BenchDocument(String externalId, String title, String text, String kind) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** How the server's indexer reads a Markdown document of this kind. */
    SourceFormat sourceFormat() {
        return "faq".equals(kind) ? SourceFormat.FAQ : SourceFormat.MARKDOWN;
    }

    String toJsonLine() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("externalId", externalId);
        line.put("title", title);
        line.put("text", text);
        line.put("kind", kind);
        return JSON.writeValueAsString(line);
    }

    /** The same document with one more sentence at the end of its last paragraph: a small edit, a new version. */
    BenchDocument withAppendedSentence(String sentence) {
        return new BenchDocument(externalId, title, text + " " + sentence, kind);
    }
}
