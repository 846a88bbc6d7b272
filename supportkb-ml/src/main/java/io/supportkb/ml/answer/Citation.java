package io.supportkb.ml.answer;

/**
 * The evidence of one answer sentence: a span of a cited passage's document.
 *
 * @param passage    the cited passage's number ({@code [n]})
 * @param documentId the document holding the span
 * @param charStart  UTF-16 offset of the span in the document's text (inclusive)
 * @param charEnd    UTF-16 offset just past the span (exclusive)
 * @param quote      the span's text
 */
public record Citation(int passage, String documentId, int charStart, int charEnd, String quote) {
}
