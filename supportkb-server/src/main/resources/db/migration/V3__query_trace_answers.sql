-- SupportKB schema v3: grounded answers in query traces. Runs unchanged on MariaDB 10.11+ / MySQL 8 and H2 (MySQL mode).
-- Owner: module tracing. JSON of the answer: answerer, model id, status, text, sentences with their citations and
-- support, the citation check, prompt hash and size, token counts, per-step milliseconds, raw model output, error.
ALTER TABLE query_trace ADD COLUMN answer_status VARCHAR(32) NULL;
ALTER TABLE query_trace ADD COLUMN answer MEDIUMTEXT NULL;
