package io.supportkb.ml.chunk;

import io.supportkb.ml.embed.TokenCounter;
import java.util.List;
import java.util.Objects;

/**
 * Splits a document into passages sized in the embedding model's own tokens, following the document's
 * structure, with character offsets back into the source.
 *
 * <p>How: the source is first cut into structural blocks — Markdown headings (ATX and setext),
 * paragraphs, list items and code fences, plus question/answer pairs for {@link SourceFormat#FAQ} and
 * messages for {@link SourceFormat#TICKET} (see {@link SourceFormat}). Small adjacent blocks under the
 * same heading are packed together up to the budget; a block too large on its own is cut at paragraph,
 * then sentence, then line, then word boundaries, and a run with no breaks at all between two model tokens
 * ({@link TokenCounter#tokenStartOffsets}); consecutive pieces of one block overlap by about
 * {@link ChunkerConfig#overlapTokens()} tokens, whole sentences where possible. Nothing overlaps across
 * structural boundaries.
 *
 * <p>Each chunk carries its heading path (title first, then the heading chain) as context, and
 * {@link Chunk#embeddingText()} prepends it. If a path would take more than half the budget it is
 * shortened (see {@link Chunk#headingPath()}); the limit itself is never exceeded.
 *
 * <p>Contract, for every returned chunk {@code c} of {@code chunk(title, text, format)}:
 * <ul>
 *   <li>{@code text.substring(c.charStart(), c.charEnd()).equals(c.text())} (offsets in UTF-16 chars);
 *       the text is trimmed and not blank; chunks come in document order with ordinals 0, 1, 2, ...</li>
 *   <li>every non-whitespace char of {@code text} lies inside at least one chunk — nothing is dropped;</li>
 *   <li>{@code c.tokenCount() == tokens.countTokens(c.embeddingText())} and it is at most
 *       {@code min(config.maxTokens(), tokens.maxContentTokens())} (all counts in model tokens).</li>
 * </ul>
 * Output is a pure function of the inputs (given a deterministic counter). Work is linear in the text
 * length: each block is tokenized once and each chunk measured once (plus rare corrections), and all
 * syntax recognition is hand-written single-pass scanning, safe on hostile input such as a megabyte-long
 * line or a hundred thousand newlines.
 *
 * <p>Immutable and thread-safe, provided the {@link TokenCounter} is (as its contract requires).
 */
public final class Chunker {

    private final TokenCounter tokens;
    private final ChunkerConfig config;
    private final int limit;

    /**
     * @throws IllegalArgumentException if the counter's {@code maxContentTokens()} is below 1
     */
    public Chunker(TokenCounter tokens, ChunkerConfig config) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.config = Objects.requireNonNull(config, "config");
        this.limit = Math.min(config.maxTokens(), tokens.maxContentTokens());
        if (limit < 1) {
            throw new IllegalArgumentException("token counter allows " + tokens.maxContentTokens() + " content tokens");
        }
    }

    /**
     * Chunks one document.
     *
     * @param title  document title, first entry of every chunk's heading path; may be null or blank (none)
     * @param text   the document text; the offsets of the result point into this string
     * @param format how to read the text's structure
     * @return the chunks in document order; empty when {@code text} is empty or only whitespace
     */
    public List<Chunk> chunk(String title, String text, SourceFormat format) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(format, "format");
        if (text.isBlank()) {
            return List.of();
        }
        String titleEntry = title == null ? "" : HeadingContext.entry(title);
        List<String> titlePath = titleEntry.isEmpty() ? List.of() : List.of(titleEntry);
        List<Block> blocks = new StructureParser(text, format, titlePath).parse();
        ChunkSequence chunks = new ChunkSequence(text, tokens, limit);
        new BlockPacker(text, tokens, limit, config.overlapTokens(), chunks).pack(blocks);
        return chunks.chunks();
    }
}
