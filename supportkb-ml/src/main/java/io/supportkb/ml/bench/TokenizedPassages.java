package io.supportkb.ml.bench;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.supportkb.ml.embed.ModelSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Passages tokenized with the DJL HuggingFace tokenizer directly (not through the Embedder), special
 * tokens included, each cut to the model's limit the way the reference pipelines cut it: the leading
 * tokens plus the final [SEP].
 *
 * @param ids token ids per passage, as the model sees them
 * @param truncated how many passages were longer than the limit
 */
record TokenizedPassages(long[][] ids, int truncated) {

    static {
        // DJL would otherwise call the network (EC2 metadata, telemetry) when the tokenizer loads.
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
    }

    static TokenizedPassages of(ModelSource source, List<String> passages) throws IOException {
        int limit = source.descriptor().maxTokens();
        String prefix = source.descriptor().passagePrefix();
        try (InputStream in = source.openTokenizer();
             HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of(
                     "padding", "false", "truncation", "false", "addSpecialTokens", "true",
                     "modelMaxLength", String.valueOf(Integer.MAX_VALUE / 2)))) {
            Encoding[] encodings = tokenizer.batchEncode(passages.stream().map(p -> prefix + p).toArray(String[]::new), true, false);
            long[][] ids = new long[encodings.length][];
            int truncated = 0;
            for (int i = 0; i < encodings.length; i++) {
                long[] all = encodings[i].getIds();
                if (all.length > limit) {
                    truncated++;
                    ids[i] = Arrays.copyOf(all, limit);
                    ids[i][limit - 1] = all[all.length - 1];
                } else {
                    ids[i] = all;
                }
            }
            return new TokenizedPassages(ids, truncated);
        }
    }

    long totalTokens() {
        return Arrays.stream(ids).mapToLong(s -> s.length).sum();
    }

    TokenizedPassages head(int count) {
        return new TokenizedPassages(Arrays.copyOf(ids, Math.min(count, ids.length)), -1);
    }
}
