package io.supportkb.indexing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Embeddings are stored as float32 little-endian BLOBs: {@code 4 * dimensions} bytes. */
public final class EmbeddingCodec {

    private EmbeddingCodec() {
    }

    public static byte[] encode(float[] vector) {
        if (vector == null) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    public static float[] decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length % Float.BYTES != 0) {
            throw new IllegalArgumentException("embedding blob of " + bytes.length + " bytes is not float32");
        }
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
