package io.supportkb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.supportkb.SupportKbApplication;

/** The command line without a server: dispatch, help, argument handling and rendering. */
class KbCommandLineTest {

    @TempDir
    Path temp;

    @Test
    void kbWithoutArgumentsPrintsHelpAndStartsNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exitCode;
        long started = System.nanoTime();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exitCode = new Kb(SupportKbApplication.class).execute(); // what main runs before System.exit
        } finally {
            System.setOut(original);
        }
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).isZero();
        assertThat(help).startsWith("Usage: kb").contains("serve", "worker", "reindex", "eval", "bench");
        assertThat(help).doesNotContain("Started SupportKbApplication", ":: Spring Boot ::");
        assertThat(System.nanoTime() - started).as("no application context was started").isLessThan(3_000_000_000L);
    }

    @Test
    void theApplicationMainWithoutArgumentsPrintsHelpAndExits() throws Exception {
        Process kb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SupportKbApplication.class.getName())
                .redirectErrorStream(true).start();
        boolean exited = kb.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            kb.destroyForcibly();
        }
        String output = new String(kb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("main returned instead of serving").isTrue();
        assertThat(kb.exitValue()).isZero();
        assertThat(output).startsWith("Usage: kb").doesNotContain(":: Spring Boot ::", "Tomcat");
    }

    @Test
    void evalWithoutUrlIsTheInProcessEval() {
        KbRun run = KbRun.of("eval", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: kb eval", "--dataset", "--model", "--chunk-tokens");
    }




    @Test
    void benchPassesItsArgumentsThroughAndReportsABadOption() {
        KbRun run = KbRun.of("bench", "search", "--no-such-option", "1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown option '--no-such-option'", "--part");
        assertThat(KbRun.of("bench", "embedding", "--help").out()).contains("--passages");
    }

    @Test
    void springArgumentsPassThroughExceptThoseACommandFixes() {
        List<String> args = SpringServer.arguments(
                List.of("--spring.profiles.active=mysql,redis", "--supportkb.roles=api", "--server.port=9090"),
                WorkerCommand.FIXED);
        assertThat(args).contains("--spring.profiles.active=mysql,redis", "--server.port=9090",
                "--supportkb.roles=worker", "--spring.main.web-application-type=none");
        assertThat(args).doesNotContain("--supportkb.roles=api");
    }







    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
