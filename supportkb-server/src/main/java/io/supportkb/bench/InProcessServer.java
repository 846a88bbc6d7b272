package io.supportkb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.supportkb.SupportKbApplication;

/**
 * The SupportKB server started in this process on a random port, with state nobody else sees: a fresh data
 * directory (H2 database in embedded mode, and the Lucene index in every mode), and in production mode a fresh
 * MariaDB database {@code supportkb_bench_<run>} and Redis key prefix {@code supportkb-bench:<run>:}. Closing it
 * stops the application and, unless asked to keep them, drops that database, deletes those keys and the directory.
 * A {@link #follower} is a second API node on another server's database.
 */
final class InProcessServer implements AutoCloseable {

    /** The MariaDB server (JDBC URL ending in {@code /}) in which production mode creates its database. */
    record Services(String mariaDbServerUrl) {
    }

    private final ServerMode mode;
    private final ConfigurableApplicationContext context;
    private final Path dataDir;
    private final String database;
    private final String keyPrefix;
    private final Services services;
    private final boolean keep;
    private final String redisUri;

    private InProcessServer(ServerMode mode, ConfigurableApplicationContext context, Path dataDir, String database,
                            String keyPrefix, Services services, boolean keep) {
        this.mode = mode;
        this.context = context;
        this.redisUri = context == null ? "redis://127.0.0.1:6379"
                : "redis://" + context.getEnvironment().getProperty("spring.data.redis.host", "127.0.0.1") + ":"
                        + context.getEnvironment().getProperty("spring.data.redis.port", "6379");
        this.dataDir = dataDir;
        this.database = database;
        this.keyPrefix = keyPrefix;
        this.services = services;
        this.keep = keep;
    }

    /**
     * @param mode       embedded or production (profiles)
     * @param run        unique name of this server's state, {@code [a-z0-9_]} only (part of a database name)
     * @param properties extra {@code name=value} server properties, applied last
     */
    static InProcessServer start(ServerMode mode, String run, Services services, List<String> properties, boolean keep)
            throws IOException {
        String database = mode.usesMariaDb() ? "supportkb_bench_" + run : null;
        String url = database == null ? null
                : services.mariaDbServerUrl() + database + "?createDatabaseIfNotExist=true";
        return launch(mode, run, services, url, database, properties, keep);
    }

    /**
     * A second API node (role {@code api} only, no worker) on {@code primary}'s database, as production scales out:
     * its own data dir, so its own Lucene index, built at start from the stored chunks and embeddings the change
     * log points to (nothing is embedded again), and in production mode its own Redis key prefix. In embedded mode
     * both nodes open the same H2 file, which works because they share this JVM. Closing it never drops the shared
     * database.
     */
    static InProcessServer follower(InProcessServer primary, String run, List<String> properties) throws IOException {
        List<String> all = new ArrayList<>(List.of("supportkb.roles=api"));
        all.addAll(properties);
        return launch(primary.mode, run, primary.services,
                primary.context.getEnvironment().getRequiredProperty("spring.datasource.url"), null, all, false);
    }

    /**
     * @param datasourceUrl JDBC URL to use instead of the mode's default, or {@code null}
     * @param database      the MariaDB database this server owns (dropped on close), or {@code null}
     */
    private static InProcessServer launch(ServerMode mode, String run, Services services, String datasourceUrl,
                                          String database, List<String> properties, boolean keep) throws IOException {
        Path dataDir = Files.createTempDirectory("supportkb-bench-" + run + "-").toAbsolutePath();
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--supportkb.data-dir=" + dataDir));
        String keyPrefix = null;
        if (!mode.profiles().isEmpty()) {
            args.add("--spring.profiles.active=" + String.join(",", mode.profiles()));
        }
        if (datasourceUrl != null) {
            args.add("--spring.datasource.url=" + datasourceUrl);
        }
        if (mode.usesRedis()) {
            keyPrefix = "supportkb-bench:" + run + ":";
            args.add("--supportkb.ingestion.stream.key=" + keyPrefix + "wakeups");
            args.add("--supportkb.search.cache.key-prefix=" + keyPrefix + "cache:");
        }
        properties.forEach(p -> args.add("--" + p));
        SpringApplication app = new SpringApplication(SupportKbApplication.class);
        app.setBannerMode(Banner.Mode.OFF);
        try {
            ConfigurableApplicationContext context = app.run(args.toArray(String[]::new));
            return new InProcessServer(mode, context, dataDir, database, keyPrefix, services, keep);
        } catch (RuntimeException e) {
            new InProcessServer(mode, null, dataDir, database, keyPrefix, services, keep).cleanUp();
            throw e;
        }
    }

    int port() {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** What this server's state is called, for the report. */
    String stateDescription() {
        return "data dir " + dataDir + (database == null ? "" : ", database " + database)
                + (keyPrefix == null ? "" : ", Redis keys " + keyPrefix + "*");
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
        cleanUp();
    }

    private void cleanUp() {
        if (keep) {
            return;
        }
        if (database != null) {
            try (Connection c = DriverManager.getConnection(services.mariaDbServerUrl(), "root", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database);
            } catch (SQLException e) {
                IngestBenchmark.log("could not drop database %s (drop it by hand): %s", database, e.getMessage());
            }
        }
        if (keyPrefix != null) {
            RedisClient client = RedisClient.create(redisUri);
            try (StatefulRedisConnection<String, String> redis = client.connect()) {
                List<String> keys = redis.sync().keys(keyPrefix + "*");
                if (!keys.isEmpty()) {
                    redis.sync().del(keys.toArray(String[]::new));
                }
            } catch (RuntimeException e) {
                IngestBenchmark.log("could not delete Redis keys %s* (delete them by hand): %s", keyPrefix,
                        e.getMessage());
            } finally {
                client.shutdown();
            }
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            IngestBenchmark.log("could not delete %s: %s", dataDir, e.getMessage());
        }
    }
}
