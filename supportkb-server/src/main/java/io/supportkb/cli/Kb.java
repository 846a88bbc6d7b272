package io.supportkb.cli;

import java.util.Objects;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code kb}, the SupportKB command line: the entry point of the application jar ({@code ./kb ...}). Without a
 * command it prints help; nothing starts unless a command asks for it. The Spring Boot application that
 * {@code serve}, {@code worker}, {@code demo} and {@code reindex} run is handed in by the caller (its {@code main}),
 * so this module does not depend on the application class.
 */
@Command(name = "kb", mixinStandardHelpOptions = true, version = "SupportKB 0.1.0",
        description = "SupportKB: a self-hosted customer-support knowledge backend.",
        subcommands = {
                DemoCommand.class,
                ServeCommand.class,
                WorkerCommand.class,
                IngestCommand.class,
                QueryCommand.class,
                AskCommand.class,
                StatusCommand.class,
                ReindexCommand.class,
                EvalDispatch.class,
                HttpEvalCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%n",
        footer = {"Start with ./kb demo, then ./kb query \"How do I fix error PX-1042?\" --collection demo",
                "or ./kb ask \"How do I fix error PX-1042?\" --collection demo for an answer with citations.",
                "Exit codes: 0 ok, 1 failed, 2 bad arguments, 3 no server at --url."})
public final class Kb implements Runnable {

    private final Class<?> application;

    @Spec
    CommandSpec spec;

    /** @param application the {@code @SpringBootApplication} class the server commands start */
    public Kb(Class<?> application) {
        this.application = Objects.requireNonNull(application, "application");
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs the command line and returns its exit code. */
    public int execute(String... args) {
        return new CommandLine(this).execute(args);
    }

    Class<?> application() {
        return application;
    }
}
