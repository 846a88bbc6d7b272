/** Text embedding with ONNX Runtime: tokenize, run, pool, normalise; deterministic per model and text. */
package io.supportkb.ml.embed;
