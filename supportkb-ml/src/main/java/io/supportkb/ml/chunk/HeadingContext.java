package io.supportkb.ml.chunk;

import io.supportkb.ml.embed.TokenCounter;
import java.util.ArrayList;
import java.util.List;

/**
 * The heading path a chunk carries as context, already shortened to fit, with its token cost.
 *
 * @param path   entries, title first; empty when there is no context
 * @param tokens model tokens the path adds to an embedding text: {@code countTokens(join(path) + "\n")},
 *               0 for an empty path
 */
record HeadingContext(List<String> path, int tokens) {

    /** Longest heading path entry kept, in chars; longer headings are cut (a heading is not a passage). */
    static final int MAX_ENTRY_CHARS = 300;

    static final HeadingContext NONE = new HeadingContext(List.of(), 0);

    HeadingContext {
        path = List.copyOf(path);
    }

    /**
     * Fits {@code path} into half of {@code limit} tokens, so that at least half the budget is left for
     * content. Deterministic: intermediate headings go first (outermost first), then the title, keeping
     * the most specific heading; a single entry that is still too long keeps only its leading tokens.
     */
    static HeadingContext fit(List<String> path, TokenCounter counter, int limit) {
        int allowance = limit / 2;
        List<String> kept = new ArrayList<>(path);
        int cost = cost(kept, counter);
        while (cost > allowance && kept.size() > 1) {
            kept.remove(kept.size() > 2 ? 1 : 0);
            cost = cost(kept, counter);
        }
        if (cost <= allowance) {
            return new HeadingContext(kept, cost);
        }
        return leadingTokens(kept.getFirst(), counter, allowance);
    }

    /** A heading as a path entry: whitespace runs collapsed to one space, at most {@link #MAX_ENTRY_CHARS}. */
    static String entry(String raw) {
        StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_ENTRY_CHARS));
        boolean space = false;
        for (int i = 0; i < raw.length() && out.length() < MAX_ENTRY_CHARS; i++) {
            char c = raw.charAt(i);
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        int length = out.length();
        if (length > 0 && Character.isHighSurrogate(out.charAt(length - 1))) {
            out.setLength(length - 1);
        }
        return out.toString().strip();
    }

    private static HeadingContext leadingTokens(String entry, TokenCounter counter, int allowance) {
        int[] starts = counter.tokenStartOffsets(entry);
        int keep = Math.min(allowance, starts.length - 1);
        while (keep > 0) {
            String cut = entry.substring(0, codePointBoundary(entry, starts[keep])).strip();
            int cost = cut.isEmpty() ? 0 : cost(List.of(cut), counter);
            if (!cut.isEmpty() && cost <= allowance) {
                return new HeadingContext(List.of(cut), cost);
            }
            keep -= Math.max(1, cost - allowance);
        }
        return NONE;
    }

    private static int codePointBoundary(String s, int offset) {
        int at = Math.max(0, Math.min(offset, s.length()));
        return at > 0 && at < s.length() && Character.isLowSurrogate(s.charAt(at))
                && Character.isHighSurrogate(s.charAt(at - 1)) ? at - 1 : at;
    }

    private static int cost(List<String> path, TokenCounter counter) {
        return path.isEmpty() ? 0 : counter.countTokens(String.join(Chunk.PATH_SEPARATOR, path) + "\n");
    }
}
