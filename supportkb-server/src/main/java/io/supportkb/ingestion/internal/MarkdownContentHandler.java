package io.supportkb.ingestion.internal;

import java.util.Locale;
import java.util.Set;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns Tika's XHTML SAX events into Markdown-like text so the chunker sees structure: {@code h1..h6} become
 * {@code #} lines, blocks are separated by blank lines, list items start with {@code - }, table cells are
 * joined with {@code  | }. Whitespace inside a block collapses to single spaces (not inside {@code pre}).
 * <p>
 * Bounded: more than {@code maxChars} of output or elements nested deeper than {@code maxDepth} abort the parse
 * with {@link LimitExceeded}, which is how XML bombs and runaway documents end. Not thread-safe: one per parse.
 */
final class MarkdownContentHandler extends DefaultHandler {

    /** The parse broke a bound; the message says which. */
    static final class LimitExceeded extends SAXException {
        LimitExceeded(String message) {
            super(message);
        }
    }

    private static final Set<String> SKIPPED = Set.of("head", "title", "script", "style", "noscript", "template");
    private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "blockquote", "ul", "ol",
            "table", "thead", "tbody", "dl", "dd", "dt", "figure", "header", "footer", "main", "aside", "nav",
            "form", "hr", "address");

    private final int maxChars;
    private final int maxDepth;
    private final StringBuilder out = new StringBuilder();
    private int depth;
    private int skipDepth;
    private int preDepth;
    private boolean pendingSpace;
    private boolean firstCell;

    MarkdownContentHandler(int maxChars, int maxDepth) {
        this.maxChars = maxChars;
        this.maxDepth = maxDepth;
    }

    /** The text so far (complete after the parse), not yet normalised. */
    String text() {
        return out.toString();
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
        if (++depth > maxDepth) {
            throw new LimitExceeded("elements are nested deeper than " + maxDepth + " levels");
        }
        String name = name(localName, qName);
        if (skipDepth > 0 || SKIPPED.contains(name)) {
            skipDepth++;
            return;
        }
        switch (name) {
            case "h1", "h2", "h3", "h4", "h5", "h6" -> {
                blockBreak();
                append("#".repeat(name.charAt(1) - '0') + " ");
            }
            case "li" -> {
                lineBreak();
                append("- ");
            }
            case "br" -> lineBreak();
            case "tr" -> {
                lineBreak();
                firstCell = true;
            }
            case "td", "th" -> {
                if (!firstCell) {
                    append(" | ");
                }
                firstCell = false;
            }
            case "pre" -> {
                blockBreak();
                preDepth++;
            }
            default -> {
                if (BLOCKS.contains(name)) {
                    blockBreak();
                }
            }
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        depth--;
        if (skipDepth > 0) {
            skipDepth--;
            return;
        }
        String name = name(localName, qName);
        switch (name) {
            case "h1", "h2", "h3", "h4", "h5", "h6", "p", "pre" -> {
                if (name.equals("pre")) {
                    preDepth--;
                }
                blockBreak();
            }
            case "li", "tr" -> lineBreak();
            default -> {
                if (BLOCKS.contains(name)) {
                    blockBreak();
                }
            }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (skipDepth > 0) {
            return;
        }
        if (preDepth > 0) {
            append(new String(ch, start, length));
            return;
        }
        for (int i = start; i < start + length; i++) {
            char c = ch[i];
            if (Character.isWhitespace(c) || c == '\u00A0') {
                pendingSpace = true;
            } else {
                if (pendingSpace && !out.isEmpty() && !atLineStart() && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
                pendingSpace = false;
                out.append(c);
            }
        }
        checkSize();
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
        pendingSpace = true;
    }

    private void append(String s) throws SAXException {
        out.append(s);
        pendingSpace = false;
        checkSize();
    }

    private void checkSize() throws SAXException {
        if (out.length() > maxChars) {
            throw new LimitExceeded("the extracted text is longer than " + maxChars + " characters");
        }
    }

    private boolean atLineStart() {
        return out.isEmpty() || out.charAt(out.length() - 1) == '\n';
    }

    private void lineBreak() {
        if (!atLineStart()) {
            out.append('\n');
        }
        pendingSpace = false;
    }

    private void blockBreak() {
        lineBreak();
        if (out.length() >= 2 && out.charAt(out.length() - 2) != '\n') {
            out.append('\n');
        }
    }

    private static String name(String localName, String qName) {
        String name = localName == null || localName.isEmpty() ? qName : localName;
        int colon = name.indexOf(':');
        return (colon >= 0 ? name.substring(colon + 1) : name).toLowerCase(Locale.ROOT);
    }
}
