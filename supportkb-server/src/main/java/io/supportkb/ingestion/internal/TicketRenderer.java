package io.supportkb.ingestion.internal;

import java.util.regex.Pattern;

import io.supportkb.ingestion.NewTicket;
import io.supportkb.ml.chunk.TextNormalizer;

/**
 * Renders a ticket to the text layout the chunker's TICKET format relies on: one block per message, starting
 * with a line {@code ### <role> (<at>)} (or {@code ### <role>} without a time), then {@code ### resolution}.
 * A body line that itself starts with {@code #} is escaped with a backslash so it cannot open a block.
 */
public final class TicketRenderer {

    private static final Pattern HEADING_LINE = Pattern.compile("(?m)^(\\s*)#");

    private TicketRenderer() {
    }

    public static String render(NewTicket ticket) {
        StringBuilder out = new StringBuilder();
        for (NewTicket.Message message : ticket.messages()) {
            String role = message.role() == null || message.role().isBlank() ? "unknown"
                    : TextNormalizer.normalizeLine(message.role());
            out.append("### ").append(role);
            if (message.at() != null && !message.at().isBlank()) {
                out.append(" (").append(TextNormalizer.normalizeLine(message.at())).append(')');
            }
            out.append("\n\n").append(escape(message.body())).append("\n\n");
        }
        if (ticket.resolution() != null && !ticket.resolution().isBlank()) {
            out.append("### resolution\n\n").append(escape(ticket.resolution())).append('\n');
        }
        return TextNormalizer.normalize(out.toString());
    }

    private static String escape(String body) {
        return body == null ? "" : HEADING_LINE.matcher(TextNormalizer.normalize(body)).replaceAll("$1\\\\#");
    }
}
