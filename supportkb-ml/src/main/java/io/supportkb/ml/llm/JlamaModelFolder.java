package io.supportkb.ml.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tjake.jlama.model.ModelSupport.ModelType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A HuggingFace-layout model folder checked before Jlama sees it, because Jlama reports a missing or broken file with
 * an unhelpful exception (or a zero-sized model) instead of naming the file. Checks: the folder exists; {@code
 * config.json} parses and names a generative {@code model_type} Jlama supports with positive sizes; {@code
 * tokenizer.json} parses and has a {@code model}; {@code tokenizer_config.json} has a {@code chat_template}; the weights
 * are there ({@code model.safetensors} or {@code model.safetensors.index.json}).
 *
 * @param directory     the absolute folder
 * @param modelType     {@code config.json}'s {@code model_type}, e.g. {@code llama}
 * @param contextTokens {@code max_position_embeddings}
 */
record JlamaModelFolder(Path directory, String modelType, int contextTokens) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<ModelType> GENERATIVE = Arrays.stream(ModelType.values())
            .filter(t -> t != ModelType.BERT).toList();
    private static final List<String> REQUIRED_SIZES = List.of("hidden_size", "intermediate_size", "num_attention_heads",
            "num_hidden_layers", "max_position_embeddings", "vocab_size");

    /**
     * @throws IllegalArgumentException naming the path and what is wrong with it
     */
    static JlamaModelFolder inspect(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("model folder " + dir + " does not exist or is not a directory");
        }
        JsonNode config = readJson(dir.resolve("config.json"));
        String type = config.path("model_type").asText("");
        if (GENERATIVE.stream().noneMatch(t -> t.name().equals(type.toUpperCase(Locale.ROOT)))) {
            throw new IllegalArgumentException(dir.resolve("config.json") + ": model_type '" + type
                    + "' is not a generative model Jlama supports; supported: " + GENERATIVE.stream()
                    .map(t -> t.name().toLowerCase(Locale.ROOT)).toList());
        }
        for (String field : REQUIRED_SIZES) {
            if (config.path(field).asInt(0) < 1) {
                throw new IllegalArgumentException(dir.resolve("config.json") + ": '" + field
                        + "' is missing or not a positive integer");
            }
        }
        if (!config.has("eos_token_id") || !config.has("bos_token_id")) {
            throw new IllegalArgumentException(dir.resolve("config.json") + ": bos_token_id and eos_token_id are required");
        }
        if (!readJson(dir.resolve("tokenizer.json")).path("model").isObject()) {
            throw new IllegalArgumentException(dir.resolve("tokenizer.json") + " has no 'model' object: not a HuggingFace tokenizer");
        }
        if (!readJson(dir.resolve("tokenizer_config.json")).has("chat_template")) {
            throw new IllegalArgumentException(dir.resolve("tokenizer_config.json")
                    + " has no chat_template: use an instruction-tuned (chat) model");
        }
        if (!Files.isRegularFile(dir.resolve("model.safetensors")) && !Files.isRegularFile(dir.resolve("model.safetensors.index.json"))) {
            throw new IllegalArgumentException("no model.safetensors (or model.safetensors.index.json) in " + dir);
        }
        return new JlamaModelFolder(dir, type, config.get("max_position_embeddings").asInt());
    }

    /** The folder's name, for ids. */
    String name() {
        return directory.getFileName() == null ? directory.toString() : directory.getFileName().toString();
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no " + file.getFileName() + " in " + file.getParent());
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(file + " unreadable: not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " unreadable: " + e.getMessage(), e);
        }
    }
}
