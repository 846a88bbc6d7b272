package io.supportkb.ml.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The ceiling an embedder is measured against: one ONNX Runtime session of a BERT-style encoder, fed
 * pre-tokenized ids one sequence at a time. All input tensors, and the output tensor that ONNX Runtime
 * writes into (a pinned, reused direct buffer), are created before timing, so a timed pass is nothing
 * but {@code session.run} and the copy of the [CLS] row: no tokenization, no allocation of the hidden
 * state on the Java heap, no pooling or normalisation. Not thread-safe.
 */
final class PlainOnnxSession implements AutoCloseable {

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final int dimensions;
    private final String output;

    /**
     * Only {@code intraOpThreads} (and, if {@code allowSpinning} is false, {@code
     * session.intra_op.allow_spinning=0}) is set; every other session option is ONNX Runtime's default.
     */
    PlainOnnxSession(byte[] onnx, int intraOpThreads, boolean allowSpinning, int dimensions) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            if (!allowSpinning) {
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
            }
            this.session = environment.createSession(onnx, options);
        }
        this.dimensions = dimensions;
        this.output = session.getOutputNames().iterator().next();
    }

    /** Tensors for a fixed list of sequences, created once and run many times. */
    final class Prepared implements AutoCloseable {
        private final List<Map<String, OnnxTensor>> feeds = new ArrayList<>();
        private final List<Map<String, OnnxTensor>> outputs = new ArrayList<>();
        private final FloatBuffer hidden;

        private Prepared(long[][] ids) throws OrtException {
            int longest = Arrays.stream(ids).mapToInt(s -> s.length).max().orElse(1);
            hidden = ByteBuffer.allocateDirect(longest * dimensions * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
            for (long[] sequence : ids) {
                long[] shape = {1, sequence.length};
                long[] mask = new long[sequence.length];
                Arrays.fill(mask, 1L);
                feeds.add(Map.of(
                        "input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(sequence), shape),
                        "attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape),
                        "token_type_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[sequence.length]), shape)));
                outputs.add(Map.of(output, OnnxTensor.createTensor(environment,
                        hidden.slice(0, sequence.length * dimensions), new long[] {1, sequence.length, dimensions})));
            }
        }

        /** Runs every sequence once, writing its raw [CLS] hidden state into {@code cls[i]}; returns the elapsed nanoseconds. */
        long run(float[][] cls) throws OrtException {
            long start = System.nanoTime();
            for (int i = 0; i < feeds.size(); i++) {
                session.run(feeds.get(i), outputs.get(i)).close();
                hidden.get(0, cls[i], 0, dimensions);
            }
            return System.nanoTime() - start;
        }

        int size() {
            return feeds.size();
        }

        @Override
        public void close() {
            feeds.forEach(feed -> feed.values().forEach(OnnxTensor::close));
            outputs.forEach(out -> out.values().forEach(OnnxTensor::close));
        }
    }

    Prepared prepare(long[][] ids) throws OrtException {
        return new Prepared(ids);
    }

    /**
     * Raw [CLS] hidden states of equal-length sequences run as one batch (untimed; used to see whether a
     * model's output depends on what else is in the batch).
     */
    float[][] clsOfBatch(long[][] ids) throws OrtException {
        int batch = ids.length;
        int length = ids[0].length;
        long[] flat = new long[batch * length];
        for (int b = 0; b < batch; b++) {
            if (ids[b].length != length) {
                throw new IllegalArgumentException("a batch holds sequences of one length only");
            }
            System.arraycopy(ids[b], 0, flat, b * length, length);
        }
        long[] mask = new long[flat.length];
        Arrays.fill(mask, 1L);
        long[] shape = {batch, length};
        try (OnnxTensor inputIds = OnnxTensor.createTensor(environment, LongBuffer.wrap(flat), shape);
             OnnxTensor attention = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
             OnnxTensor types = OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[flat.length]), shape);
             OrtSession.Result result = session.run(Map.of("input_ids", inputIds, "attention_mask", attention, "token_type_ids", types))) {
            FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[][] cls = new float[batch][dimensions];
            for (int b = 0; b < batch; b++) {
                out.get(b * length * dimensions, cls[b], 0, dimensions);
            }
            return cls;
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
