package io.supportkb.support;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.supportkb.indexing.DocumentIndexer;
import io.supportkb.indexing.DocumentToIndex;
import io.supportkb.indexing.IndexingOutcome;

/**
 * The placeholder indexer with test hooks: a text containing {@code POISON} always throws; {@code BROKEN:<name>}
 * throws until the test calls {@link #repair}; {@code GATE:<name>} waits until the test opens that gate (at
 * most 30 s). Counts calls per document.
 */
public class GatedIndexer implements DocumentIndexer {

    private static final Pattern GATE = Pattern.compile("GATE:(\\w+)");
    private static final Pattern BROKEN = Pattern.compile("BROKEN:(\\w+)");

    private final DocumentIndexer delegate = new ParagraphPlaceholderIndexer();
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Set<String> repaired = ConcurrentHashMap.newKeySet();

    @Override
    public IndexingOutcome index(DocumentToIndex document) {
        calls.computeIfAbsent(document.documentId(), id -> new AtomicInteger()).incrementAndGet();
        if (document.text().contains("POISON")) {
            throw new IllegalStateException("poisoned document");
        }
        Matcher broken = BROKEN.matcher(document.text());
        if (broken.find() && !repaired.contains(broken.group(1))) {
            throw new IllegalStateException("broken until repaired: " + broken.group(1));
        }
        Matcher gate = GATE.matcher(document.text());
        if (gate.find()) {
            try {
                if (!gate(gate.group(1)).await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("gate " + gate.group(1) + " never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return delegate.index(document);
    }

    public void repair(String name) {
        repaired.add(name);
    }

    public void open(String name) {
        gate(name).countDown();
    }

    public int calls(String documentId) {
        AtomicInteger n = calls.get(documentId);
        return n == null ? 0 : n.get();
    }

    private CountDownLatch gate(String name) {
        return gates.computeIfAbsent(name, n -> new CountDownLatch(1));
    }
}
