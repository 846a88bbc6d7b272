package io.supportkb.search.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;

/** Query embeddings in Redis: float32 little-endian, like the {@code chunk.embedding} column. */
final class FloatVectorSerializer implements RedisSerializer<float[]> {

    @Override
    public byte[] serialize(float[] vector) {
        if (vector == null) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    @Override
    public float[] deserialize(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length % Float.BYTES != 0) {
            throw new SerializationException("a cached embedding of " + bytes.length + " bytes is not float32");
        }
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    @Override
    public Class<?> getTargetType() {
        return float[].class;
    }
}
