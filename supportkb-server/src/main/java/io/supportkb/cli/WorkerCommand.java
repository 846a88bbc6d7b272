package io.supportkb.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/** {@code kb worker}: an ingestion worker without a web server. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        header = "Start an ingestion worker (no HTTP server).",
        description = {"Start an ingestion worker: claims jobs, parses, chunks, embeds and stores documents; no HTTP "
                + "server (supportkb.roles=worker). Run any number of them against the same MySQL/MariaDB and Redis.",
                "Example:",
                "  kb worker --spring.profiles.active=mysql,redis"})
final class WorkerCommand implements Callable<Integer> {

    static final Map<String, String> FIXED = Map.of(
            "supportkb.roles", "worker",
            "spring.main.web-application-type", "none");

    @ParentCommand
    Kb kb;

    @Unmatched
    List<String> springArgs;

    @Override
    public Integer call() throws InterruptedException {
        return ServeCommand.run(kb.application(), springArgs, FIXED);
    }
}
