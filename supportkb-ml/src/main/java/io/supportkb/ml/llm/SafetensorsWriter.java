package io.supportkb.ml.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes F32 tensors in the safetensors format (huggingface/safetensors): an 8-byte little-endian header length, a
 * JSON header mapping each name to {@code dtype}, {@code shape} and {@code data_offsets} (bytes, relative to the end
 * of the header), padded with spaces to a multiple of 8 bytes, then the little-endian data in header order.
 *
 * <p>Thread-safety: stateless.
 */
final class SafetensorsWriter {

    /** One tensor; {@code data.length} is the product of {@code shape}, row-major. */
    record Tensor(String name, int[] shape, float[] data) {

        Tensor {
            long size = Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
            if (size != data.length) {
                throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " needs " + size
                        + " values, got " + data.length);
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {}

    /** Writes {@code tensors} in the given order, which must be deterministic for reproducible files. */
    static void write(Path file, List<Tensor> tensors) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", Map.of("format", "pt"));
        long offset = 0;
        for (Tensor t : tensors) {
            long bytes = (long) t.data().length * Float.BYTES;
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", "F32");
            info.put("shape", t.shape());
            info.put("data_offsets", new long[] {offset, offset + bytes});
            header.put(t.name(), info);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteBuffer length = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(length.array());
            out.write(json);
            out.write(" ".repeat(padded - json.length).getBytes(StandardCharsets.US_ASCII));
            for (Tensor t : tensors) {
                ByteBuffer data = ByteBuffer.allocate(t.data().length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                data.asFloatBuffer().put(t.data());
                out.write(data.array());
            }
        }
    }
}
