package io.supportkb.ml.embed;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One ONNX Runtime session of a BERT-style encoder, with pooling and normalisation. Not thread-safe:
 * {@link Embedder} lends each instance to one thread at a time.
 */
final class OnnxEncoder implements AutoCloseable {

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final ModelDescriptor model;
    private final Set<String> inputs;

    OnnxEncoder(OrtEnvironment environment, byte[] onnx, int intraOpThreads, ModelDescriptor model) throws OrtException {
        this.environment = environment;
        this.model = model;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // Spin-waiting intra-op threads burn the core that the search, the web server or another session
            // needs: measured 1.5x faster embedding with spinning off on a shared 2-core machine
            // (bench/results/20261125-155940-embedding). Numerics are unaffected.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            this.session = environment.createSession(onnx, options);
        }
        this.inputs = session.getInputNames();
        if (!inputs.contains("input_ids") || !inputs.contains("attention_mask")) {
            throw new IllegalStateException("model " + model.id() + " inputs are " + inputs
                    + "; expected input_ids and attention_mask (a BERT-style sentence encoder)");
        }
    }

    /**
     * Encodes sequences of equal length (no padding) and returns one pooled, optionally normalised vector
     * per sequence.
     */
    float[][] encode(long[][] ids) {
        int batch = ids.length;
        int length = ids[0].length;
        long[] flatIds = new long[batch * length];
        long[] mask = new long[batch * length];
        for (int b = 0; b < batch; b++) {
            assert ids[b].length == length : "a batch holds sequences of one length only";
            System.arraycopy(ids[b], 0, flatIds, b * length, length);
        }
        java.util.Arrays.fill(mask, 1L);
        long[] shape = {batch, length};
        Map<String, OnnxTensor> feed = new HashMap<>();
        try {
            feed.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(flatIds), shape));
            feed.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (inputs.contains("token_type_ids")) {
                feed.put("token_type_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[batch * length]), shape));
            }
            try (OrtSession.Result result = session.run(feed)) {
                OnnxTensor hidden = (OnnxTensor) result.get(0);
                long[] outShape = hidden.getInfo().getShape();
                int dims = (int) outShape[outShape.length - 1];
                if (dims != model.dimensions()) {
                    throw new IllegalStateException("model " + model.id() + " produced " + dims
                            + " dimensions, its descriptor says " + model.dimensions());
                }
                return pool(hidden.getFloatBuffer(), batch, length, dims);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on model " + model.id() + ": " + e.getMessage(), e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    private float[][] pool(FloatBuffer hidden, int batch, int length, int dims) {
        float[][] vectors = new float[batch][];
        for (int b = 0; b < batch; b++) {
            int base = b * length * dims;
            double[] sum = new double[dims];
            if (model.pooling() == Pooling.CLS) {
                for (int d = 0; d < dims; d++) {
                    sum[d] = hidden.get(base + d);
                }
            } else {
                for (int t = 0; t < length; t++) {
                    int offset = base + t * dims;
                    for (int d = 0; d < dims; d++) {
                        sum[d] += hidden.get(offset + d);
                    }
                }
                for (int d = 0; d < dims; d++) {
                    sum[d] /= length;
                }
            }
            vectors[b] = toVector(sum);
        }
        return vectors;
    }

    private float[] toVector(double[] pooled) {
        double norm = 1.0;
        if (model.normalize()) {
            double squares = 0;
            for (double v : pooled) {
                squares += v * v;
            }
            norm = Math.max(Math.sqrt(squares), 1e-12);
        }
        float[] vector = new float[pooled.length];
        for (int d = 0; d < pooled.length; d++) {
            vector[d] = (float) (pooled[d] / norm);
        }
        return vector;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // closing a session only frees native memory; nothing to recover
        }
    }
}
