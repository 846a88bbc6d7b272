package io.supportkb.ml.eval;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import io.supportkb.ml.Sha256;

/**
 * An append-only on-disk cache of passage vectors for repeated evaluations, keyed by SHA-256 of the exact
 * text the model saw, one file per model id. Vectors are deterministic ({@link
 * io.supportkb.ml.embed.Embedder}), so a cached vector is bit-identical to a recomputed one; the cache
 * only saves time when the same corpus is evaluated again with other search settings. Not thread-safe.
 */
final class EmbeddingCache implements AutoCloseable {

    private final Map<String, float[]> vectors = new HashMap<>();
    private final DataOutputStream out;
    private final int dimensions;

    private EmbeddingCache(Path file, int dimensions) throws IOException {
        this.dimensions = dimensions;
        if (Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
                while (true) {
                    byte[] key = new byte[32];
                    try {
                        in.readFully(key);
                    } catch (EOFException end) {
                        break;
                    }
                    float[] vector = new float[dimensions];
                    try {
                        for (int d = 0; d < dimensions; d++) {
                            vector[d] = in.readFloat();
                        }
                    } catch (EOFException torn) {
                        break; // a torn tail from an interrupted run: ignore it
                    }
                    vectors.put(HexFormat.of().formatHex(key), vector);
                }
            }
        }
        Files.createDirectories(file.getParent());
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), 1 << 16));
    }

    static EmbeddingCache open(Path directory, String modelId, int dimensions) {
        try {
            return new EmbeddingCache(directory.resolve(modelId + ".vectors"), dimensions);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open embedding cache in " + directory, e);
        }
    }

    float[] get(String text) {
        return vectors.get(key(text));
    }

    void put(String text, float[] vector) {
        String key = key(text);
        if (vectors.putIfAbsent(key, vector) == null) {
            try {
                out.write(HexFormat.of().parseHex(key));
                for (int d = 0; d < dimensions; d++) {
                    out.writeFloat(vector[d]);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write embedding cache", e);
            }
        }
    }

    int size() {
        return vectors.size();
    }

    private static String key(String text) {
        return Sha256.hex(text);
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
