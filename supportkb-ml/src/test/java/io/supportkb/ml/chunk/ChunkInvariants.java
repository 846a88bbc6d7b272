package io.supportkb.ml.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportkb.ml.embed.TokenCounter;
import java.util.List;

/** The contract every chunk list must meet, whatever the input (see {@link Chunker}). */
final class ChunkInvariants {

    private ChunkInvariants() {}

    static void assertHold(String text, List<Chunk> chunks, TokenCounter counter, int limit) {
        boolean[] covered = new boolean[text.length()];
        int previousStart = 0;
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            String where = "chunk " + i + " " + c;
            assertThat(c.ordinal()).as(where).isEqualTo(i);
            assertThat(text.substring(c.charStart(), c.charEnd())).as(where).isEqualTo(c.text());
            assertThat(c.text()).as(where).isNotBlank().isEqualTo(c.text().strip());
            assertThat(c.charStart()).as("chunks in document order: " + where).isGreaterThanOrEqualTo(previousStart);
            assertThat(c.tokenCount()).as(where)
                    .isEqualTo(counter.countTokens(c.embeddingText()))
                    .isLessThanOrEqualTo(limit);
            if (!c.headingPath().isEmpty()) {
                assertThat(counter.countTokens(String.join(" > ", c.headingPath()) + "\n"))
                        .as("heading path takes at most half the budget: " + where)
                        .isLessThanOrEqualTo(limit / 2);
            }
            assertThat(splitsSurrogatePair(text, c.charStart()) || splitsSurrogatePair(text, c.charEnd()))
                    .as("offsets on code point boundaries: " + where).isFalse();
            previousStart = c.charStart();
            for (int k = c.charStart(); k < c.charEnd(); k++) {
                covered[k] = true;
            }
        }
        for (int k = 0; k < text.length(); k++) {
            if (!covered[k] && !Character.isWhitespace(text.charAt(k))) {
                throw new AssertionError("char " + k + " '" + text.charAt(k) + "' is in no chunk; around it: \""
                        + text.substring(Math.max(0, k - 30), Math.min(text.length(), k + 30)) + "\"");
            }
        }
    }

    private static boolean splitsSurrogatePair(String text, int at) {
        return at > 0 && at < text.length() && Character.isHighSurrogate(text.charAt(at - 1))
                && Character.isLowSurrogate(text.charAt(at));
    }
}
