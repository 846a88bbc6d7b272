package io.supportkb.shared;

/**
 * The structure of a document's extracted text, which is what the chunker splits on.
 * <ul>
 * <li>{@code MARKDOWN}: headings as {@code #} lines, paragraphs separated by blank lines (HTML, DOCX, PDF and
 *     e-mail are converted to this by the parser).</li>
 * <li>{@code PLAIN}: paragraphs separated by blank lines, no headings.</li>
 * <li>{@code TICKET}: one block per message starting with {@code ### <role> (<at>)}, and a final
 *     {@code ### resolution} block; the subject is the document title.</li>
 * </ul>
 * A document of kind {@link DocumentKind#FAQ} in MARKDOWN or PLAIN is meant to be chunked as Q/A pairs.
 */
public enum TextFormat {
    MARKDOWN, PLAIN, TICKET
}
