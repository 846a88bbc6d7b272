-- SupportKB schema v2: query traces. Runs unchanged on MariaDB 10.11+ / MySQL 8 and on H2 2.x in MySQL mode.
-- Owner: module tracing. Written asynchronously in JDBC batches; purged after supportkb.tracing.retention.
-- No foreign key to collection: traces are removed with their collection by the tracing module itself.

CREATE TABLE query_trace (
    id               CHAR(36)      NOT NULL,
    created_at       DATETIME(3)   NOT NULL,
    collection_id    VARCHAR(64)   NOT NULL,
    caller           VARCHAR(200)  NOT NULL,
    query_text       MEDIUMTEXT    NOT NULL,
    params           MEDIUMTEXT    NOT NULL,  -- JSON {topK, mode, chunksPerDocument, filters}
    cache_hit        BOOLEAN       NOT NULL,
    model_id         VARCHAR(200)  NOT NULL,
    index_generation BIGINT        NOT NULL,
    timings          VARCHAR(1000) NOT NULL,  -- JSON, milliseconds per stage
    latency_us       BIGINT        NOT NULL,  -- whole query, microseconds
    no_good_match    BOOLEAN       NOT NULL,
    hit_count        INT           NOT NULL,
    otel_trace_id    CHAR(32)      NULL,      -- the OpenTelemetry trace id in the request's log lines
    PRIMARY KEY (id)
);
CREATE INDEX ix_query_trace_collection ON query_trace (collection_id, created_at);
CREATE INDEX ix_query_trace_created ON query_trace (created_at);

-- One row per returned document, with the scores of its best chunk.
CREATE TABLE query_trace_hit (
    trace_id      CHAR(36)  NOT NULL,
    hit_rank      INT       NOT NULL,
    document_id   CHAR(36)  NOT NULL,
    chunk_ordinal INT       NOT NULL,
    vector_cosine FLOAT     NULL,
    vector_rank   INT       NULL,
    bm25_score    FLOAT     NULL,
    bm25_rank     INT       NULL,
    fused_score   DOUBLE    NOT NULL,
    PRIMARY KEY (trace_id, hit_rank),
    CONSTRAINT fk_query_trace_hit_trace FOREIGN KEY (trace_id) REFERENCES query_trace (id)
);
