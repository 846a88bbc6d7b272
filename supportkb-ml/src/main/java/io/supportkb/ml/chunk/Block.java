package io.supportkb.ml.chunk;

import java.util.List;

/**
 * A structural unit of the source that the chunker keeps whole when it fits the budget.
 *
 * @param kind    what the block is
 * @param start   inclusive char offset of the block's first non-whitespace char in the source
 * @param end     exclusive char offset just after its last non-whitespace char
 * @param section the heading section the block belongs to; blocks are only ever packed together with
 *                blocks of the same section, so no chunk straddles a heading
 * @param path    the untrimmed heading path of that section, title first
 */
record Block(Kind kind, int start, int end, int section, List<String> path) {

    Block {
        assert start < end : "empty block at " + start;
    }

    enum Kind {
        /** Heading lines whose section has no body of its own (followed directly by a sibling heading). */
        HEADING,
        PARAGRAPH,
        LIST_ITEM,
        /** A fenced code block; split by lines, never by sentences. */
        CODE,
        /** A FAQ question with its answer; a chunk of its own, never packed with neighbours. */
        QA_PAIR,
        /** One ticket message. */
        MESSAGE;

        boolean packable() {
            return this != QA_PAIR;
        }

        boolean hasSentences() {
            return this != CODE;
        }
    }
}
