package io.supportkb.ml.chunk;

import io.supportkb.ml.embed.TokenCounter;
import java.util.ArrayList;
import java.util.List;

/**
 * The chunks of one document, in order. Every candidate is measured here exactly once, on its final
 * embedding text, and only admitted when it fits the limit; this is the single place that enforces
 * {@code tokenCount <= limit} whatever the estimates upstream said. Not thread-safe: one per call.
 */
final class ChunkSequence {

    private final String source;
    private final TokenCounter tokens;
    private final int limit;
    private final List<Chunk> chunks = new ArrayList<>();

    ChunkSequence(String source, TokenCounter tokens, int limit) {
        this.source = source;
        this.tokens = tokens;
        this.limit = limit;
    }

    /**
     * Offers the source range {@code [start, end)}, trimmed, as the next chunk under {@code context}.
     *
     * @return 0 when the chunk was appended (or the range holds only whitespace, so there is nothing to
     *         keep), otherwise by how many tokens its embedding text exceeds the limit (nothing appended)
     */
    int offer(HeadingContext context, int start, int end) {
        int s = start;
        int e = end;
        while (s < e && Character.isWhitespace(source.charAt(s))) {
            s++;
        }
        while (e > s && Character.isWhitespace(source.charAt(e - 1))) {
            e--;
        }
        if (s == e) {
            return 0;
        }
        String text = source.substring(s, e);
        int count = tokens.countTokens(Chunk.embeddingText(context.path(), text));
        if (count > limit) {
            return count - limit;
        }
        chunks.add(new Chunk(chunks.size(), text, s, e, count, context.path()));
        return 0;
    }

    List<Chunk> chunks() {
        return List.copyOf(chunks);
    }
}
