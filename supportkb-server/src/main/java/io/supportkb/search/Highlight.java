package io.supportkb.search;

/**
 * A query term found in a passage: {@code text.substring(start, end)} is the word as written, {@code term} its
 * analysed (lower-cased, stemmed) form that matched the query. Offsets are UTF-16 positions in the passage text.
 */
public record Highlight(int start, int end, String term) {
}
