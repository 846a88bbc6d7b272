package io.supportkb.ml.chunk;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a source into {@link Block}s, one line at a time, and tracks the heading path of each.
 *
 * <p>Heading lines are not blocks of their own: they are glued to the front of the first block of
 * their section (so a heading is always chunked with its body), and consecutive headings that nest
 * ({@code # A} then {@code ## B}) travel together. A heading whose section is empty becomes a
 * {@link Block.Kind#HEADING} block. Every non-blank line of the source ends up in exactly one block.
 *
 * <p>Linear in the source length. Not thread-safe: one parser per parse.
 */
final class StructureParser {

    private final String text;
    private final SourceFormat format;
    private final boolean markdown;
    private final List<String> titlePath;
    private final String[] headings = new String[7];
    private final List<Block> blocks = new ArrayList<>();

    private List<String> path;
    private int section;

    /** Heading lines not yet attached to a block: [pendingStart, pendingEnd), or pendingStart < 0. */
    private int pendingStart = -1;
    private int pendingEnd;
    private List<String> pendingPath;
    private int pendingSection;

    /** The block being built, or openKind == null. */
    private Block.Kind openKind;
    private int openStart;
    private int openEnd;
    private int openSection;
    private List<String> openPath;

    private MarkdownSyntax.Fence fence;

    StructureParser(String text, SourceFormat format, List<String> titlePath) {
        this.text = text;
        this.format = format;
        this.markdown = format != SourceFormat.PLAIN;
        this.titlePath = List.copyOf(titlePath);
        this.path = this.titlePath;
    }

    List<Block> parse() {
        int pos = 0;
        while (pos < text.length()) {
            int end = lineEnd(pos);
            pos = line(pos, end, nextLineStart(end));
        }
        close();
        flushPending();
        return blocks;
    }

    /** Consumes the line [start, end) and returns where the next unconsumed line starts. */
    private int line(int start, int end, int next) {
        if (fence != null) {
            if (MarkdownSyntax.closesFence(text, start, end, fence)) {
                fence = null;
                openEnd = end;
                if (openKind == Block.Kind.CODE) {
                    close();
                }
            } else if (firstNonBlank(start, end) < end) {
                openEnd = end;
            }
            return next;
        }
        int first = firstNonBlank(start, end);
        if (first == end) {
            if (!inContainer()) {
                close();
            }
            return next;
        }
        if (markdown) {
            MarkdownSyntax.Fence opening = MarkdownSyntax.openingFence(text, start, end);
            if (opening != null) {
                fence = opening;
                if (inContainer()) {
                    openEnd = end;
                } else {
                    close();
                    open(Block.Kind.CODE, start, end);
                }
                return next;
            }
            MarkdownSyntax.Heading heading = MarkdownSyntax.atxHeading(text, start, end);
            if (heading != null) {
                close();
                if (format == SourceFormat.TICKET && DialogueSyntax.isMessageHeader(heading.text())) {
                    open(Block.Kind.MESSAGE, start, end);
                } else {
                    heading(heading.level(), heading.text(), start, end);
                }
                return next;
            }
        }
        if (format == SourceFormat.FAQ && DialogueSyntax.isQuestion(text, first, end)) {
            close();
            open(Block.Kind.QA_PAIR, start, end);
            return next;
        }
        if (format == SourceFormat.TICKET && DialogueSyntax.isRoleLine(text, first, end)) {
            close();
            open(Block.Kind.MESSAGE, start, end);
            return next;
        }
        if (inContainer()) {
            openEnd = end;
            return next;
        }
        if (markdown && MarkdownSyntax.isListItem(text, first, end)) {
            close();
            open(Block.Kind.LIST_ITEM, start, end);
            return next;
        }
        if (openKind != null) {
            openEnd = end;
            return next;
        }
        if (markdown && next < text.length()) {
            int underlineEnd = lineEnd(next);
            int level = MarkdownSyntax.setextLevel(text, next, underlineEnd);
            if (level > 0) {
                heading(level, text.substring(first, end), start, underlineEnd);
                return nextLineStart(underlineEnd);
            }
        }
        open(Block.Kind.PARAGRAPH, start, end);
        return next;
    }

    private void heading(int level, String raw, int start, int end) {
        String entry = HeadingContext.entry(raw);
        headings[level] = entry.isEmpty() ? null : entry;
        for (int deeper = level + 1; deeper < headings.length; deeper++) {
            headings[deeper] = null;
        }
        path = currentPath();
        section++;
        if (pendingStart >= 0 && !extendsPending(path)) {
            flushPending();
        }
        if (pendingStart < 0) {
            pendingStart = start;
        }
        pendingEnd = end;
        pendingPath = path;
        pendingSection = section;
    }

    /** Title, then the heading chain; an entry repeating its predecessor (title == first heading) is dropped. */
    private List<String> currentPath() {
        List<String> result = new ArrayList<>(titlePath);
        for (int level = 1; level < headings.length; level++) {
            String entry = headings[level];
            if (entry != null && (result.isEmpty() || !result.getLast().equalsIgnoreCase(entry))) {
                result.add(entry);
            }
        }
        return List.copyOf(result);
    }

    private boolean extendsPending(List<String> newPath) {
        return newPath.size() > pendingPath.size() && newPath.subList(0, pendingPath.size()).equals(pendingPath);
    }

    private void open(Block.Kind kind, int lineStart, int lineEnd) {
        openKind = kind;
        openStart = lineStart;
        openEnd = lineEnd;
        openSection = section;
        openPath = path;
        if (pendingStart >= 0) {
            openStart = pendingStart;
            pendingStart = -1;
        }
    }

    private void close() {
        if (openKind != null) {
            add(openKind, openStart, openEnd, openSection, openPath);
            openKind = null;
        }
    }

    private void flushPending() {
        if (pendingStart >= 0) {
            add(Block.Kind.HEADING, pendingStart, pendingEnd, pendingSection, pendingPath);
            pendingStart = -1;
        }
    }

    private void add(Block.Kind kind, int start, int end, int blockSection, List<String> blockPath) {
        int s = firstNonBlank(start, end);
        int e = end;
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        if (s < e) {
            blocks.add(new Block(kind, s, e, blockSection, blockPath));
        }
    }

    private boolean inContainer() {
        return openKind == Block.Kind.QA_PAIR || openKind == Block.Kind.MESSAGE;
    }

    private int firstNonBlank(int start, int end) {
        int i = start;
        while (i < end && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private int lineEnd(int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
            i++;
        }
        return i;
    }

    private int nextLineStart(int lineEnd) {
        if (lineEnd >= text.length()) {
            return text.length();
        }
        boolean crlf = text.charAt(lineEnd) == '\r' && lineEnd + 1 < text.length() && text.charAt(lineEnd + 1) == '\n';
        return lineEnd + (crlf ? 2 : 1);
    }
}
