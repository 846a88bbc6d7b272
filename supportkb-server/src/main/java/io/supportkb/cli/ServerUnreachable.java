package io.supportkb.cli;

import java.net.URI;

/** Nothing answered at the server URL; the message says which URL and how to start a server there. */
final class ServerUnreachable extends RuntimeException {

    ServerUnreachable(URI base, Throwable cause) {
        super("No SupportKB server answers at " + base + " (" + reason(cause) + "). Start one with ./kb serve "
                + "(or ./kb demo for the demo knowledge base), or point --url at a running server.", cause);
    }

    private static String reason(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
