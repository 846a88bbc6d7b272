package io.supportkb.ml.embed;

import java.util.Objects;

/**
 * What SupportKB must know about a sentence-embedding model beyond its ONNX graph.
 *
 * <p>Serialised as {@code supportkb-model.json} next to {@code model.onnx} and {@code tokenizer.json} in
 * a model folder, or as a classpath resource for the built-in models.
 *
 * @param id stable model id, part of cache keys and stored with every embedding (e.g. {@code bge-small-en-v1.5})
 * @param dimensions length of the output vector
 * @param maxTokens the model's real maximum input length in tokens, special tokens and prefix included
 * @param pooling how the sentence vector is pooled from the token states
 * @param normalize whether vectors are L2-normalised (so cosine = dot product)
 * @param queryPrefix text prepended to queries (bge: a search instruction; e5: {@code "query: "})
 * @param passagePrefix text prepended to passages (e5: {@code "passage: "})
 * @param onnx ONNX file: a classpath resource name for built-ins, a file name inside a model folder
 * @param tokenizer HuggingFace {@code tokenizer.json}, resolved like {@code onnx}
 */
public record ModelDescriptor(
        String id,
        int dimensions,
        int maxTokens,
        Pooling pooling,
        boolean normalize,
        String queryPrefix,
        String passagePrefix,
        String onnx,
        String tokenizer) {

    public ModelDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pooling, "pooling");
        if (dimensions <= 0) {
            throw new IllegalArgumentException("dimensions must be positive: " + dimensions);
        }
        if (maxTokens < 8) {
            throw new IllegalArgumentException("maxTokens must be at least 8: " + maxTokens);
        }
        queryPrefix = queryPrefix == null ? "" : queryPrefix;
        passagePrefix = passagePrefix == null ? "" : passagePrefix;
        onnx = onnx == null ? "model.onnx" : onnx;
        tokenizer = tokenizer == null ? "tokenizer.json" : tokenizer;
    }
}
