package io.supportkb.ml.chunk;

/**
 * The text conventions a source is written in, which decide what {@link Chunker} treats as structure.
 *
 * <p>Every format splits on paragraphs (blank lines). The Markdown-based formats also recognise ATX
 * ({@code #}..{@code ######}) and setext headings, list items and fenced code blocks; {@link #FAQ} and
 * {@link #TICKET} add their own units on top of Markdown.
 */
public enum SourceFormat {

    /** Markdown: headings form the heading path; paragraphs, list items and code fences are blocks. */
    MARKDOWN,

    /** Plain text: paragraphs separated by blank lines; no markup is interpreted. */
    PLAIN,

    /**
     * Markdown plus question/answer pairs. A pair starts at a line such as {@code Q: ...},
     * {@code Q1. ...} or {@code Question: ...} and runs, answer included ({@code A: ...}), until the next
     * question or heading. A Markdown heading that asks a question ({@code ## How do I ...?}) works as a
     * heading: its answer sits under it and the question joins the heading path. Either way a question is
     * kept in one chunk with its answer whenever the pair fits the budget.
     */
    FAQ,

    /**
     * Markdown plus ticket messages. A message starts at a heading such as
     * {@code ### customer (2024-01-02T10:00:00Z)} (a role, or a short name with a date or time in
     * parentheses) or at a role-prefixed line such as {@code agent: ...}, and runs until the next message
     * or heading. Message headings do not enter the heading path; other headings (the ticket subject)
     * do. Each message is kept whole when it fits.
     */
    TICKET
}
