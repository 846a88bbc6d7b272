package io.supportkb.ml.llm;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Counts tokens on this side of an HTTP model server: exactly, with the model's Hugging Face {@code tokenizer.json}
 * (DJL tokenizers, loaded from the file, never from a hub), or as the estimate {@code ceil(UTF-8 bytes / 3)}. BPE
 * vocabularies of current chat models average about four bytes of English per token, so the estimate over-counts,
 * which is the safe direction for keeping a prompt inside the context window.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
final class LocalTokenCount implements AutoCloseable {

    private final HuggingFaceTokenizer tokenizer;

    private LocalTokenCount(HuggingFaceTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** The estimate when {@code tokenizerJson} is null, else the tokenizer it holds; fails fast naming the path. */
    static LocalTokenCount of(Path tokenizerJson) {
        if (tokenizerJson == null) {
            return new LocalTokenCount(null);
        }
        try (InputStream in = Files.newInputStream(tokenizerJson)) {
            return new LocalTokenCount(HuggingFaceTokenizer.newInstance(in, Map.of(
                    "addSpecialTokens", "false", "padding", "false", "truncation", "false",
                    "modelMaxLength", String.valueOf(Integer.MAX_VALUE / 2))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + tokenizerJson.toAbsolutePath()
                    + ": " + e.getMessage() + "; point tokenizerJson at the model's tokenizer.json or leave it unset", e);
        }
    }

    /** Tokens in {@code text}, without special tokens. */
    int count(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        if (tokenizer == null) {
            return (text.getBytes(StandardCharsets.UTF_8).length + 2) / 3;
        }
        return tokenizer.encode(text, false, false).getIds().length;
    }

    @Override
    public void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }
}
