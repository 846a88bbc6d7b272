package io.supportkb.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

import picocli.CommandLine.Option;

/**
 * A command that talks to a running server over HTTP. Failures end with a one-line message on standard error
 * instead of a stack trace: exit code 3 when no server answers, 1 for an error answer, a bad argument or an
 * unreadable file.
 */
abstract class ApiCommand implements Callable<Integer> {

    static final int UNREACHABLE = 3;

    @Option(names = "--url", defaultValue = "${env:KB_URL:-" + KbClient.DEFAULT_URL + "}", paramLabel = "URL",
            description = "server URL (default: ${DEFAULT-VALUE}; environment KB_URL)")
    String url;

    @Override
    public final Integer call() throws Exception {
        try {
            return run(new KbClient(url));
        } catch (ServerUnreachable e) {
            System.err.println();
            System.err.println("kb: " + e.getMessage());
            return UNREACHABLE;
        } catch (ApiProblem | IllegalArgumentException | IllegalStateException | IOException | UncheckedIOException e) {
            System.err.println();
            System.err.println("kb: " + e.getMessage());
            return 1;
        }
    }

    abstract int run(KbClient client) throws Exception;
}
