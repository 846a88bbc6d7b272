package io.supportkb.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Runs the SupportKB Spring Boot application in this process for {@code serve}, {@code worker}, {@code demo} and
 * {@code reindex}. Spring arguments given on the command line ({@code --spring.profiles.active=mysql,redis},
 * {@code --server.port=9090}, {@code --supportkb.x=y}) are passed through, except those a command fixes (a
 * worker is always {@code supportkb.roles=worker}): those are dropped with a warning and replaced.
 */
final class SpringServer {

    /**
     * Defaults for commands whose own output is the point ({@code demo}, {@code reindex}): no banner, warnings only,
     * and none of the start-up notices that say nothing about the run (no GPU, H2 newer than Flyway knows, Swagger
     * UI on). Arguments such as {@code --logging.level.root=INFO} still override them.
     */
    static final Map<String, Object> QUIET = Map.of(
            "spring.main.banner-mode", "off",
            "logging.level.root", "WARN",
            "logging.level.ai.djl", "ERROR",
            "logging.level.org.flywaydb", "ERROR",
            "logging.level.org.springdoc", "ERROR");

    private final ConfigurableApplicationContext context;
    private final CountDownLatch closed;

    private SpringServer(ConfigurableApplicationContext context, CountDownLatch closed) {
        this.context = context;
        this.closed = closed;
    }

    /**
     * @param application the {@code @SpringBootApplication} class
     * @param args     Spring arguments from the command line
     * @param defaults properties the user may override (lowest precedence)
     * @param fixed    properties this command always sets
     * @throws RuntimeException when the application fails to start (Spring has logged why)
     */
    static SpringServer start(Class<?> application, List<String> args, Map<String, Object> defaults,
                              Map<String, String> fixed) {
        SpringApplication app = new SpringApplication(application);
        app.setDefaultProperties(defaults);
        CountDownLatch closed = new CountDownLatch(1);
        app.addListeners((ApplicationListener<ApplicationEvent>) event -> {
            if (event instanceof ContextClosedEvent) {
                closed.countDown();
            }
        });
        return new SpringServer(app.run(arguments(args, fixed).toArray(String[]::new)), closed);
    }

    /** The user's arguments without those overriding {@code fixed}, followed by {@code fixed}. */
    static List<String> arguments(List<String> args, Map<String, String> fixed) {
        List<String> result = new ArrayList<>();
        for (String arg : args == null ? List.<String>of() : args) {
            String key = arg.startsWith("--") ? arg.substring(2).split("=", 2)[0] : null;
            if (key != null && fixed.containsKey(key)) {
                System.err.println("kb: ignoring " + arg + " (this command runs with --" + key + "=" + fixed.get(key) + ")");
            } else {
                result.add(arg);
            }
        }
        fixed.forEach((key, value) -> result.add("--" + key + "=" + value));
        return result;
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    /** The HTTP port the server listens on; 0 without a web server. */
    int port() {
        return context.getEnvironment().getProperty("local.server.port", Integer.class, 0);
    }

    /** Blocks until the application stops (Ctrl-C or SIGTERM close it through Spring's shutdown hook). */
    void awaitShutdown() throws InterruptedException {
        closed.await();
    }

    void stop() {
        context.close();
    }
}
