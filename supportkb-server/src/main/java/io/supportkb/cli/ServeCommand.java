package io.supportkb.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/** {@code kb serve}: the server as configured (roles, database, broker from configuration and arguments). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        header = "Start the server (API and/or worker, as configured).",
        description = {"Start the SupportKB server. Embedded by default (H2 and the index under ./data); "
                + "roles, database and broker come from configuration and the Spring arguments given.",
                "Examples:",
                "  kb serve",
                "  kb serve --spring.profiles.active=mysql,redis --supportkb.roles=api --server.port=8081"},
        parameterListHeading = "%nSpring arguments:%n")
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    Kb kb;

    @Unmatched
    List<String> springArgs;

    @Override
    public Integer call() throws InterruptedException {
        return run(kb.application(), springArgs, Map.of());
    }

    /** Starts the application, blocks until it stops; 1 when it does not start (Spring has said why). */
    static int run(Class<?> application, List<String> springArgs, Map<String, String> fixed) throws InterruptedException {
        SpringServer server;
        try {
            server = SpringServer.start(application, springArgs, Map.of(), fixed);
        } catch (RuntimeException e) {
            System.err.println("kb: the server did not start: " + rootMessage(e));
            return 1;
        }
        server.awaitShutdown();
        return 0;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getName() : root.getMessage();
    }
}
