package io.supportkb.ml.chunk;

import java.util.Arrays;

/**
 * An over-long block seen as a sequence of model tokens, with its structural boundaries mapped to token
 * indices, so that cut points can be chosen in tokens while the cuts themselves land on chars.
 *
 * <p>Token {@code t} starts at char {@link #charAt(int) charAt(t)}; the piece of tokens {@code [p, q)}
 * is the source range {@code [charAt(p), charAt(q))}, with {@code charAt(0)} the block start and
 * {@code charAt(size())} the block end, so pieces that meet or overlap in tokens leave no char uncovered.
 * Token offsets from the counter are clamped to the block, made non-decreasing and never split a
 * surrogate pair, whatever the counter returns.
 */
final class TokenizedBlock {

    private final String text;
    private final int start;
    private final int end;
    /** Source char offset of each token start. */
    private final int[] at;
    /** Token indices, in (0, size()), where a paragraph / sentence / line starts; ascending, distinct. */
    private final int[] paragraphs;
    private final int[] sentences;
    private final int[] lines;

    /**
     * @param tokenStarts token start offsets relative to {@code block.start()}, as returned by
     *                    {@code TokenCounter.tokenStartOffsets(blockText)}
     */
    TokenizedBlock(String text, Block block, int[] tokenStarts) {
        this.text = text;
        this.start = block.start();
        this.end = block.end();
        this.at = absolute(tokenStarts);
        SentenceSplitter.Boundaries units = SentenceSplitter.scan(text, start, end, block.kind().hasSentences());
        this.paragraphs = toTokens(units.paragraphs());
        this.sentences = toTokens(units.sentences());
        this.lines = toTokens(units.lines());
    }

    int size() {
        return at.length;
    }

    /** Char offset of the boundary before token {@code t}; the block's start for 0, its end for size(). */
    int charAt(int t) {
        return t <= 0 ? start : t >= at.length ? end : at[t];
    }

    /**
     * Where a piece starting at token {@code p} with at most {@code budget} tokens should end: the block
     * end if it fits; else the last paragraph start in the second half of the budget; else the last
     * sentence, then line, start past its first quarter (a strong boundary is not worth a near-empty
     * piece); else the last word start in the second half; else exactly {@code p + budget}. Always in
     * {@code (floor, p + budget]}.
     *
     * @param floor the piece must end after this token index (where the previous piece ended)
     */
    int endBefore(int p, int budget, int floor) {
        assert p + budget > floor : "no room to progress";
        int hi = p + budget;
        if (hi >= at.length) {
            return at.length;
        }
        int cut = lastIn(paragraphs, Math.max(p + budget / 2, floor), hi);
        if (cut < 0) {
            cut = lastIn(sentences, Math.max(p + budget / 4, floor), hi);
        }
        if (cut < 0) {
            cut = lastIn(lines, Math.max(p + budget / 4, floor), hi);
        }
        for (int t = hi, lo = Math.max(p + budget / 2, floor); cut < 0 && t > lo; t--) {
            if (isWordStart(t)) {
                cut = t;
            }
        }
        return cut < 0 ? hi : cut;
    }

    /**
     * Where the piece after {@code [p, q)} should start so that the two share about {@code overlap}
     * tokens: the earliest sentence (else line, else word) start within the last {@code overlap} tokens,
     * else exactly {@code overlap} tokens back. Returns {@code q} for no overlap; always in {@code (p, q]}.
     */
    int overlapStart(int p, int q, int overlap) {
        int lo = Math.max(q - overlap, p + 1);
        if (overlap <= 0 || q >= at.length || lo >= q) {
            return q;
        }
        int cut = firstIn(sentences, lo, q);
        if (cut < 0) {
            cut = firstIn(lines, lo, q);
        }
        for (int t = lo; cut < 0 && t < q; t++) {
            if (isWordStart(t)) {
                cut = t;
            }
        }
        return cut < 0 ? lo : cut;
    }

    private boolean isWordStart(int t) {
        int c = at[t];
        if (t > 0 && at[t - 1] == c) {
            return false;
        }
        return c == start || c >= end || Character.isWhitespace(text.charAt(c - 1))
                || Character.isWhitespace(text.charAt(c));
    }

    private int[] absolute(int[] relative) {
        int[] result = new int[relative.length];
        int previous = start;
        for (int t = 0; t < relative.length; t++) {
            int c = (int) Math.min(end, Math.max(previous, (long) start + relative[t]));
            if (c > previous && c < end && Character.isLowSurrogate(text.charAt(c))
                    && Character.isHighSurrogate(text.charAt(c - 1))) {
                c--;
            }
            result[t] = c;
            previous = c;
        }
        return result;
    }

    /**
     * Maps ascending char offsets to distinct token indices in (0, size()): the token that starts at the
     * offset, or the one starting in the whitespace just before it (tokenizers that attach the leading
     * space to a word, as byte-level BPE does), else the first token after it.
     */
    private int[] toTokens(int[] chars) {
        int[] tokens = new int[chars.length];
        int count = 0;
        int t = 0;
        for (int c : chars) {
            while (t < at.length && at[t] < c) {
                t++;
            }
            int token = t;
            if (t > 0 && (t == at.length || at[t] > c) && onlyWhitespace(at[t - 1], c)) {
                token = t - 1;
            }
            if (token > 0 && token < at.length && (count == 0 || tokens[count - 1] < token)) {
                tokens[count++] = token;
            }
        }
        return Arrays.copyOf(tokens, count);
    }

    private boolean onlyWhitespace(int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Largest value in (lo, hi], or -1. */
    private static int lastIn(int[] sorted, int lo, int hi) {
        int i = Arrays.binarySearch(sorted, hi);
        int index = i >= 0 ? i : -i - 2;
        return index >= 0 && sorted[index] > lo ? sorted[index] : -1;
    }

    /** Smallest value in [lo, hi), or -1. */
    private static int firstIn(int[] sorted, int lo, int hi) {
        int i = Arrays.binarySearch(sorted, lo);
        int index = i >= 0 ? i : -i - 1;
        return index < sorted.length && sorted[index] < hi ? sorted[index] : -1;
    }
}
