package io.supportkb.support;

import io.supportkb.ml.Sha256;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import io.supportkb.indexing.ChunkToStore;
import io.supportkb.indexing.DocumentIndexer;
import io.supportkb.indexing.DocumentToIndex;
import io.supportkb.indexing.IndexingOutcome;

/**
 * Test stand-in for the model-backed
 * {@link DocumentIndexer}. One chunk per paragraph (text between blank
 * lines), token count = whitespace-separated words, no embedding (model id {@value #MODEL_ID}). It exists so the
 * ingestion pipeline is testable end to end before the ML core is wired in.
 */

public class ParagraphPlaceholderIndexer implements DocumentIndexer {

    public static final String MODEL_ID = "none";
    private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n");

    @Override
    public IndexingOutcome index(DocumentToIndex document) {
        String text = document.text();
        List<ChunkToStore> chunks = new ArrayList<>();
        Matcher separators = BLANK_LINES.matcher(text);
        int start = 0;
        while (start < text.length()) {
            int end = separators.find(start) ? separators.start() : text.length();
            int next = end == text.length() ? end : separators.end();
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            if (end > start) {
                String paragraph = text.substring(start, end);
                chunks.add(new ChunkToStore(chunks.size(), paragraph, document.title(), start, end,
                        paragraph.split("\\s+").length, Sha256.hex(paragraph), null));
            }
            start = next;
        }
        return new IndexingOutcome(MODEL_ID, chunks);
    }
}
