package io.supportkb.shared;

/** What a process does: serve the HTTP API, run ingestion workers, or both (the default). */
public enum Role {
    API, WORKER
}
