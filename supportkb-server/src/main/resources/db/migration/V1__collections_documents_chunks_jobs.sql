-- SupportKB schema v1. Runs unchanged on MariaDB 10.11+ / MySQL 8 and on H2 2.x in MySQL mode.
-- Timestamps are DATETIME(3) holding UTC (the application passes LocalDateTime in UTC; no driver zone conversion).
-- Owners: collection, document, document_source, ingest_job -> module ingestion; chunk, index_change -> indexing.

CREATE TABLE collection (
    id          VARCHAR(64)   NOT NULL,
    description VARCHAR(1000) NULL,
    created_at  DATETIME(3)   NOT NULL,
    PRIMARY KEY (id)
);

-- One row per version of a document. Replacing by external id inserts version n+1; version n stays INDEXED
-- (searchable) until n+1 is indexed, then becomes DELETED with replaced_by set, in the same transaction.
-- dedup_key is the live deduplication key (content hash for text, sha-256 of the bytes for files), NULL once
-- the row is DELETED, so the unique key below both deduplicates and closes the race of two equal uploads.
CREATE TABLE document (
    id                CHAR(36)      NOT NULL,
    collection_id     VARCHAR(64)   NOT NULL,
    external_id       VARCHAR(512)  NULL,
    version           INT           NOT NULL,
    kind              VARCHAR(16)   NOT NULL,
    text_format       VARCHAR(16)   NOT NULL,
    title             VARCHAR(1000) NULL,
    source_uri        VARCHAR(2000) NULL,
    tags              VARCHAR(4000) NULL,
    metadata          LONGTEXT      NULL,
    language          VARCHAR(16)   NULL,
    content_hash      CHAR(64)      NULL,
    source_hash       CHAR(64)      NULL,
    dedup_key         CHAR(64)      NULL,
    extracted_text    LONGTEXT      NULL,
    content_type      VARCHAR(255)  NULL,
    original_filename VARCHAR(255)  NULL,
    size_bytes        BIGINT        NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    attempts          INT           NOT NULL DEFAULT 0,
    last_error        VARCHAR(2000) NULL,
    chunk_count       INT           NULL,
    model_id          VARCHAR(200)  NULL,
    replaced_by       CHAR(36)      NULL,
    duplicate_of      CHAR(36)      NULL,
    created_at        DATETIME(3)   NOT NULL,
    updated_at        DATETIME(3)   NOT NULL,
    indexed_at        DATETIME(3)   NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_document_collection FOREIGN KEY (collection_id) REFERENCES collection (id),
    CONSTRAINT uk_document_dedup UNIQUE (collection_id, dedup_key),
    CONSTRAINT uk_document_version UNIQUE (collection_id, external_id, version)
);
CREATE INDEX ix_document_status ON document (collection_id, status, created_at);
CREATE INDEX ix_document_indexed ON document (collection_id, indexed_at);
CREATE INDEX ix_document_content_hash ON document (collection_id, content_hash);

-- The uploaded bytes of a file, parsed by a worker (parsing is bounded and may fail; the bytes are kept so a
-- retry or a parser upgrade can parse again).
CREATE TABLE document_source (
    document_id CHAR(36) NOT NULL,
    content     LONGBLOB NOT NULL,
    PRIMARY KEY (document_id),
    CONSTRAINT fk_document_source_document FOREIGN KEY (document_id) REFERENCES document (id)
);

-- The job row is the truth about pending work; a Redis stream entry or an in-process queue entry only wakes a
-- worker. States: QUEUED -> PROCESSING -> DONE | FAILED | CANCELLED (QUEUED again on a retry with backoff).
-- A worker owns a job while lease_owner is its claim token and lease_until is in the future.
CREATE TABLE ingest_job (
    document_id     CHAR(36)      NOT NULL,
    collection_id   VARCHAR(64)   NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    attempts        INT           NOT NULL DEFAULT 0,
    lease_owner     VARCHAR(200)  NULL,
    lease_until     DATETIME(3)   NULL,
    next_attempt_at DATETIME(3)   NOT NULL,
    published_at    DATETIME(3)   NULL,
    last_error      VARCHAR(2000) NULL,
    created_at      DATETIME(3)   NOT NULL,
    updated_at      DATETIME(3)   NOT NULL,
    PRIMARY KEY (document_id),
    CONSTRAINT fk_ingest_job_document FOREIGN KEY (document_id) REFERENCES document (id)
);
CREATE INDEX ix_ingest_job_due ON ingest_job (state, next_attempt_at);
CREATE INDEX ix_ingest_job_lease ON ingest_job (state, lease_until);
CREATE INDEX ix_ingest_job_collection ON ingest_job (collection_id, state);

-- Chunks of INDEXED documents with their embeddings (float32 little-endian, NULL when not embedded).
-- content_hash is the sha-256 of the chunk text: with embedding_model it lets a replacement reuse embeddings.
CREATE TABLE chunk (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    document_id     CHAR(36)      NOT NULL,
    collection_id   VARCHAR(64)   NOT NULL,
    ordinal         INT           NOT NULL,
    text            MEDIUMTEXT    NOT NULL,
    context         VARCHAR(2000) NULL,
    char_start      INT           NOT NULL,
    char_end        INT           NOT NULL,
    token_count     INT           NOT NULL,
    content_hash    CHAR(64)      NOT NULL,
    embedding       MEDIUMBLOB    NULL,
    embedding_model VARCHAR(200)  NOT NULL,
    created_at      DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_chunk_document FOREIGN KEY (document_id) REFERENCES document (id),
    CONSTRAINT uk_chunk_ordinal UNIQUE (document_id, ordinal)
);
CREATE INDEX ix_chunk_collection ON chunk (collection_id);
CREATE INDEX ix_chunk_reuse ON chunk (content_hash, embedding_model);

-- The change log that every API node's Lucene index follows, in generation order.
-- op UPSERT: (re)load the document's chunks; op DELETE with a document_id: drop that document;
-- op DELETE with document_id NULL: drop the whole collection.
-- Rows are inserted while holding the index_change_lock row, so generation order equals commit order and a
-- follower reading "generation > last seen" can never skip a change that commits late.
CREATE TABLE index_change (
    generation    BIGINT      NOT NULL AUTO_INCREMENT,
    collection_id VARCHAR(64) NOT NULL,
    document_id   CHAR(36)    NULL,
    op            VARCHAR(16) NOT NULL,
    changed_at    DATETIME(3) NOT NULL,
    PRIMARY KEY (generation)
);
CREATE INDEX ix_index_change_collection ON index_change (collection_id, generation);

CREATE TABLE index_change_lock (
    id INT NOT NULL,
    PRIMARY KEY (id)
);
INSERT INTO index_change_lock (id) VALUES (1);
