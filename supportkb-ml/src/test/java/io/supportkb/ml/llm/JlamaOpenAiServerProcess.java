package io.supportkb.ml.llm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * Jlama's OpenAI-compatible server ({@code tools/jlama-openai-server}) in its own JVM, on a free loopback port.
 *
 * <p>The server picks the port itself (port 0) and prints {@code jlama-openai-server ready at <url>} once Spring Boot
 * accepts requests; waiting for that line is the readiness check — no polling, no port race. {@link #close()}
 * kills the process (a shutdown hook does too, should the test JVM die first).
 *
 * <p>The server's classpath is {@code tools/jlama-openai-server/target/classes} plus the jars listed in its
 * {@code target/classpath.txt}, both written by the root build before supportkb-ml runs. When they are missing the
 * test is skipped, or fails with {@code CI=true}.
 */
final class JlamaOpenAiServerProcess implements AutoCloseable {

    private static final String READY = "jlama-openai-server ready at ";

    private final Process process;
    private final Thread killer;
    private final URI baseUrl;

    private JlamaOpenAiServerProcess(Process process, Thread killer, URI baseUrl) {
        this.process = process;
        this.killer = killer;
        this.baseUrl = baseUrl;
    }

    /** Starts the server on {@code modelDir} and waits until it is ready; its log goes to {@code logDir}. */
    static JlamaOpenAiServerProcess start(Path modelDir, Path logDir, Duration startup) throws IOException {
        Path module = serverModule();
        String classpath = module.resolve("target/classes") + java.io.File.pathSeparator
                + Files.readString(module.resolve("target/classpath.txt")).strip();
        Path stderr = logDir.resolve("jlama-openai-server.err.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // not -XX:TieredStopAtLevel=1: it halves Spring Boot's start but the Vector API is only fast in C2
                "-Xmx512m", "-XX:+UseSerialGC",
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", classpath, "io.supportkb.tools.jlama.JlamaOpenAiServer",
                "--model", modelDir.toString(), "--host", "127.0.0.1", "--port", "0", "--threads", "1")
                .redirectError(stderr.toFile())
                .start();
        Thread killer = new Thread(process::destroyForcibly, "kill-jlama-openai-server");
        Runtime.getRuntime().addShutdownHook(killer);
        CompletableFuture<URI> ready = new CompletableFuture<>();
        List<String> stdout = Collections.synchronizedList(new ArrayList<>());
        Thread.ofVirtual().name("jlama-openai-server-stdout").start(() -> drain(process, ready, stdout));
        try {
            URI baseUrl = ready.get(startup.toMillis(), TimeUnit.MILLISECONDS);
            return new JlamaOpenAiServerProcess(process, killer, baseUrl);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            kill(process, killer);
            throw new IllegalStateException("jlama-openai-server did not report ready within " + startup
                    + " (exit " + (process.isAlive() ? "none" : process.exitValue()) + "); stdout " + stdout
                    + "; stderr ends: " + tail(stderr), e);
        }
    }

    /** The API root, {@code http://127.0.0.1:<port>}: Jlama serves {@code /chat/completions} without {@code /v1}. */
    URI baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() {
        kill(process, killer);
    }

    private static void kill(Process process, Thread killer) {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing left to do
        }
    }

    /** Reads stdout to its end (a full pipe would stall the server), completing {@code ready} at the ready line. */
    private static void drain(Process process, CompletableFuture<URI> ready, List<String> seen) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(READY)) {
                    ready.complete(URI.create(line.substring(READY.length()).strip()));
                } else if (!ready.isDone() && seen.size() < 20) {
                    seen.add(line);
                }
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("the server's stdout ended before the ready line"));
    }

    /** The server module; skips (or fails with CI=true) when the root build has not prepared it. */
    private static Path serverModule() {
        Path module = null;
        for (Path dir = Path.of("").toAbsolutePath(); dir != null && module == null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("tools/jlama-openai-server/pom.xml"))) {
                module = dir.resolve("tools/jlama-openai-server");
            }
        }
        String problem = module == null ? "tools/jlama-openai-server is not in any parent folder"
                : !Files.isRegularFile(module.resolve("target/classpath.txt"))
                        || !Files.isDirectory(module.resolve("target/classes/io/supportkb/tools/jlama"))
                        ? "tools/jlama-openai-server is not built (run ./mvnw -pl tools/jlama-openai-server "
                                + "process-classes, or the root build, which builds it before supportkb-ml)"
                        : null;
        if (problem != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true and " + problem);
            }
            Assumptions.abort(problem + "; skipping (it fails instead with CI=true)");
        }
        return module;
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
