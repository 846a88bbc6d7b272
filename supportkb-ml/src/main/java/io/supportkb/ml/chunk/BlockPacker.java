package io.supportkb.ml.chunk;

import io.supportkb.ml.embed.TokenCounter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a document's blocks into chunks: adjacent packable blocks of one heading section are packed
 * greedily up to the budget; a block that does not fit alone goes to the {@link BlockSplitter}.
 *
 * <p>Each block is tokenized once ({@code tokenStartOffsets}, whose length is its count); a packed
 * chunk's size is planned as the sum of its blocks' counts and then measured once on its final
 * embedding text. When that measure exceeds the limit, trailing blocks worth the excess move to the next
 * chunk (a block that does not fit alone is split).
 * Not thread-safe: one per call.
 */
final class BlockPacker {

    private final String source;
    private final TokenCounter tokens;
    private final int limit;
    private final int overlap;
    private final ChunkSequence out;
    private final BlockSplitter splitter;
    private final Map<List<String>, HeadingContext> contexts = new HashMap<>();

    BlockPacker(String source, TokenCounter tokens, int limit, int overlap, ChunkSequence out) {
        this.source = source;
        this.tokens = tokens;
        this.limit = limit;
        this.overlap = overlap;
        this.out = out;
        this.splitter = new BlockSplitter(out);
    }

    void pack(List<Block> blocks) {
        int i = 0;
        while (i < blocks.size()) {
            int j = i + 1;
            while (j < blocks.size() && blocks.get(j).section() == blocks.get(i).section()) {
                j++;
            }
            packSection(blocks.subList(i, j));
            i = j;
        }
    }

    private void packSection(List<Block> section) {
        HeadingContext context = contexts.computeIfAbsent(section.getFirst().path(),
                path -> HeadingContext.fit(path, tokens, limit));
        int budget = limit - context.tokens();
        int[][] tokenStarts = new int[section.size()][];
        for (int k = 0; k < section.size(); k++) {
            Block block = section.get(k);
            tokenStarts[k] = tokens.tokenStartOffsets(source.substring(block.start(), block.end()));
        }
        int i = 0;
        while (i < section.size()) {
            int j = i + 1;
            int planned = tokenStarts[i].length;
            if (section.get(i).kind().packable()) {
                while (j < section.size() && section.get(j).kind().packable()
                        && planned + tokenStarts[j].length <= budget) {
                    planned += tokenStarts[j].length;
                    j++;
                }
            }
            while (true) {
                boolean single = j - i == 1;
                if (single && tokenStarts[i].length > budget) {
                    split(section.get(i), tokenStarts[i], context, budget);
                    break;
                }
                int excess = out.offer(context, section.get(i).start(), section.get(j - 1).end());
                if (excess == 0) {
                    break;
                }
                if (single) {
                    split(section.get(i), tokenStarts[i], context, budget);
                    break;
                }
                // Give back trailing blocks worth at least the excess, so a bad plan costs few re-measures.
                int released = 0;
                do {
                    j--;
                    released += tokenStarts[j].length;
                } while (j - i > 1 && released < excess);
            }
            i = j;
        }
    }

    private void split(Block block, int[] tokenStarts, HeadingContext context, int budget) {
        splitter.split(new TokenizedBlock(source, block, tokenStarts), context, budget, overlap);
    }
}
