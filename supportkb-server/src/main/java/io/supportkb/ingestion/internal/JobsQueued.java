package io.supportkb.ingestion.internal;

import java.util.List;

/** Jobs were inserted or re-queued in the current transaction; their wake-ups go out after it commits. */
public record JobsQueued(List<String> documentIds) {
}
