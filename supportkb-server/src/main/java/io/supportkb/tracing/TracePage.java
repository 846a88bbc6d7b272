package io.supportkb.tracing;

import java.util.List;

/** A page of traces, newest first; {@code total} counts all matching traces. */
public record TracePage(List<TraceSummary> items, int page, int size, long total) {

    public TracePage {
        items = List.copyOf(items);
    }
}
