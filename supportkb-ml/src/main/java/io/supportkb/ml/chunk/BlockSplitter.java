package io.supportkb.ml.chunk;

/**
 * Cuts one block that does not fit the budget into consecutive pieces that do, preferring paragraph,
 * then sentence, then line, then word boundaries, and falling back to a cut between two model tokens for
 * a run with no breaks at all. Consecutive pieces overlap by about {@code overlap} tokens.
 *
 * <p>Cut points are planned on one tokenization of the whole block (the token count of a range is a
 * difference of token indices), so the counter is called once per block plus once per emitted piece,
 * not once per candidate cut. If a piece measured on its own turns out larger than planned (tokenizers
 * are not perfectly additive), it is shrunk by the excess and measured again.
 */
final class BlockSplitter {

    /** Tokens {@code [first, end)} of a block, as emitted. */
    private record Piece(int first, int end) {}

    private final ChunkSequence out;

    BlockSplitter(ChunkSequence out) {
        this.out = out;
    }

    /**
     * @param budget  content tokens a piece may plan for (the limit minus the context's cost), at least 1
     * @param overlap requested overlap in tokens; at most half the budget is used
     */
    void split(TokenizedBlock block, HeadingContext context, int budget, int overlap) {
        int sharedTokens = Math.min(overlap, budget / 2);
        int p = 0;
        int floor = 0;
        while (true) {
            Piece piece = emit(block, context, budget, p, floor);
            if (piece.end() >= block.size()) {
                return;
            }
            p = block.overlapStart(piece.first(), piece.end(), sharedTokens);
            floor = piece.end();
        }
    }

    /**
     * Emits the longest fitting piece that starts at {@code p} and ends after {@code floor}; when even a
     * short one does not fit, gives up the overlap and starts at {@code floor}. Each retry ends strictly
     * earlier or starts at the floor, so this terminates.
     */
    private Piece emit(TokenizedBlock block, HeadingContext context, int budget, int p, int floor) {
        int first = p;
        int b = budget;
        while (true) {
            int q = block.endBefore(first, b, floor);
            int excess = out.offer(context, block.charAt(first), block.charAt(q));
            if (excess == 0) {
                return new Piece(first, q);
            }
            if (q - first <= 1) {
                return emitWithoutContext(block, first, q);
            }
            b = Math.max(1, q - first - excess);
            if (first + b <= floor) {
                first = floor;
                b = budget;
            }
        }
    }

    /** A single token that does not fit beside its heading path must still not be dropped. */
    private Piece emitWithoutContext(TokenizedBlock block, int first, int end) {
        int excess = out.offer(HeadingContext.NONE, block.charAt(first), block.charAt(end));
        if (excess > 0) {
            throw new IllegalStateException("token counter measures a single-token span at " + excess
                    + " tokens over the limit: its countTokens and tokenStartOffsets disagree");
        }
        return new Piece(first, end);
    }
}
