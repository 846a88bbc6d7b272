package io.supportkb.ingestion;

import java.util.List;
import java.util.Map;

/**
 * The per-line report of a JSON Lines upload. Every line is accepted, found duplicate or rejected on its own:
 * a bad line never rejects the others. Blank lines are skipped and not reported.
 *
 * @param truncated true when the request had more lines than {@code supportkb.ingestion.limits.max-batch-lines}
 */
public record BatchReport(int lines, int accepted, int duplicates, int rejected, boolean truncated,
                          List<LineResult> results) {

    /** One line: the outcome, or the rejection with its reason, detail and facts (field, limit, ...). */
    public record LineResult(int line, String outcome, String documentId, String externalId,
                             IngestionRejected.Reason reason, String detail, Map<String, Object> properties) {

        public static LineResult of(int line, IntakeResult result) {
            return new LineResult(line, result.outcome().name(), result.documentId(), result.externalId(),
                    null, null, null);
        }

        public static LineResult rejected(int line, String externalId, IngestionRejected rejection) {
            return new LineResult(line, "REJECTED", null, externalId, rejection.reason(), rejection.getMessage(),
                    rejection.properties());
        }
    }
}
