package io.supportkb.cli;

/**
 * What the server answered for one uploaded file or JSON Lines line.
 *
 * @param source     the file, or {@code file:line} for a JSON Lines line
 * @param outcome    accepted (queued for indexing), duplicate (same content already there) or rejected
 * @param documentId the new or existing document; null when rejected
 * @param externalId the document's external id, if any
 * @param error      why it was rejected (problem title, detail and facts); null otherwise
 */
record Submitted(String source, Outcome outcome, String documentId, String externalId, String error) {

    enum Outcome {
        ACCEPTED, DUPLICATE, REJECTED
    }

    static Outcome outcome(String wire) {
        if (wire == null) {
            return Outcome.REJECTED;
        }
        return switch (wire) {
            case "ACCEPTED" -> Outcome.ACCEPTED;
            case "DUPLICATE" -> Outcome.DUPLICATE;
            default -> Outcome.REJECTED;
        };
    }
}
