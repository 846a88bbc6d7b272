package io.supportkb.ingestion;

import java.util.List;
import java.util.Map;

/**
 * A resolved support ticket (one JSON Lines line). Rendered to text as one block per message, each starting
 * with a line {@code ### <role> (<at>)}, then a final {@code ### resolution} block; the subject is the title.
 */
public record NewTicket(String externalId, String subject, List<Message> messages, String resolution,
                        List<String> tags, Map<String, Object> metadata, String sourceUri, String language) {

    /** One message; {@code at} is shown as given (ISO-8601 recommended). */
    public record Message(String role, String body, String at) {
    }
}
