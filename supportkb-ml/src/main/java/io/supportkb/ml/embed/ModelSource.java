package io.supportkb.ml.embed;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a model's files come from: a built-in model on the classpath (the LangChain4j in-process model
 * jars carry the ONNX graph and tokenizer) or a local folder holding {@code model.onnx}, {@code
 * tokenizer.json} and {@code supportkb-model.json}. Never the network.
 */
public sealed interface ModelSource {

    /** Ids of the models that ship on the classpath. */
    List<String> BUILTIN = List.of("bge-small-en-v1.5", "all-minilm-l6-v2", "e5-small-v2");

    /** The default model: bge-small-en-v1.5 fp32, 384 dimensions, CLS pooling, query instruction. */
    String DEFAULT = "bge-small-en-v1.5";

    ModelDescriptor descriptor();

    /** Opens the ONNX graph; the caller closes the stream. */
    InputStream openOnnx() throws IOException;

    /** Opens {@code tokenizer.json}; the caller closes the stream. */
    InputStream openTokenizer() throws IOException;

    /** A local folder if {@code nameOrPath} is an existing directory, otherwise a built-in model id. */
    static ModelSource of(String nameOrPath) {
        Path path = Path.of(nameOrPath);
        if (Files.isDirectory(path)) {
            return new Folder(path);
        }
        return new Builtin(nameOrPath);
    }

    /** A model shipped on the classpath, described by {@code io/supportkb/ml/models/<id>.json}. */
    record Builtin(String id, ModelDescriptor descriptor) implements ModelSource {

        public Builtin(String id) {
            this(id, readDescriptor(id));
        }

        private static ModelDescriptor readDescriptor(String id) {
            String resource = "io/supportkb/ml/models/" + id + ".json";
            try (InputStream in = resource(resource)) {
                return Descriptors.MAPPER.readValue(in, ModelDescriptor.class);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read model descriptor " + resource, e);
            }
        }

        @Override
        public InputStream openOnnx() throws IOException {
            return resource(descriptor.onnx());
        }

        @Override
        public InputStream openTokenizer() throws IOException {
            return resource(descriptor.tokenizer());
        }

        private static InputStream resource(String name) throws IOException {
            InputStream in = ModelSource.class.getClassLoader().getResourceAsStream(name);
            if (in == null) {
                throw new IOException("model resource '" + name + "' is not on the classpath; built-in models are "
                        + BUILTIN + ", or pass a folder with model.onnx, tokenizer.json and supportkb-model.json");
            }
            return in;
        }
    }

    /** A local model folder: {@code supportkb-model.json} names the ONNX and tokenizer files in it. */
    record Folder(Path directory, ModelDescriptor descriptor) implements ModelSource {

        public Folder(Path directory) {
            this(directory, readDescriptor(directory));
        }

        private static ModelDescriptor readDescriptor(Path directory) {
            Path file = directory.resolve("supportkb-model.json");
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("model folder " + directory.toAbsolutePath()
                        + " has no supportkb-model.json (id, dimensions, maxTokens, pooling, normalize, prefixes)");
            }
            try {
                return Descriptors.MAPPER.readValue(file.toFile(), ModelDescriptor.class);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
            }
        }

        @Override
        public InputStream openOnnx() throws IOException {
            return open(descriptor.onnx());
        }

        @Override
        public InputStream openTokenizer() throws IOException {
            return open(descriptor.tokenizer());
        }

        private InputStream open(String name) throws IOException {
            Path file = directory.resolve(name).normalize();
            if (!file.startsWith(directory.normalize()) || !Files.isRegularFile(file)) {
                throw new IOException("model file " + file.toAbsolutePath() + " does not exist");
            }
            return Files.newInputStream(file);
        }
    }
}

final class Descriptors {
    static final ObjectMapper MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private Descriptors() {}
}
