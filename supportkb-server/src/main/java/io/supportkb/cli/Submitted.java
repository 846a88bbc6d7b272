package io.supportkb.cli;

/**
 * What the server answered for one uploaded file or JSON Lines line.
 *
 * @param file       the file as the summary names it
 * @param line       the line number for a JSON Lines line, 0 for a file
 * @param outcome    accepted (queued for indexing), duplicate (same content already there) or rejected
 * @param documentId the new or existing document; null when rejected
 * @param externalId the document's external id, if any
 * @param error      why it was rejected (problem title, detail and facts); null otherwise
 */
record Submitted(String file, int line, Outcome outcome, String documentId, String externalId, String error) {

    /** A whole file's answer (a file upload, or a JSON Lines file that could not be read). */
    static Submitted ofFile(String file, Outcome outcome, String documentId, String externalId, String error) {
        return new Submitted(file, 0, outcome, documentId, externalId, error);
    }

    /** The file, or {@code file:line} for a JSON Lines line. */
    String source() {
        return line > 0 ? file + ":" + line : file;
    }

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
