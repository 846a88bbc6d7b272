package io.supportkb.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class the real MariaDB (127.0.0.1:3306, root, no password) and Redis (127.0.0.1:6379): its own
 * database {@code supportkb_test_<class>} created before the Spring context starts and dropped after it
 * closed (register this extension before {@code @SpringBootTest}), and its own Redis key prefix
 * {@code supportkb-test:<class>:}. No Testcontainers, no mocks. When a service is unreachable the class is
 * skipped, except with {@code CI=true}, where it fails.
 */
public class RealServices implements BeforeAllCallback, AfterAllCallback {

    public static final String HOST = "127.0.0.1";
    public static final String SERVER_URL = "jdbc:mariadb://" + HOST + ":3306/";

    public static String database(Class<?> testClass) {
        return "supportkb_test_" + testClass.getSimpleName().toLowerCase(Locale.ROOT);
    }

    public static String jdbcUrl(Class<?> testClass) {
        return SERVER_URL + database(testClass);
    }

    public static String keyPrefix(Class<?> testClass) {
        return "supportkb-test:" + testClass.getSimpleName().toLowerCase(Locale.ROOT) + ":";
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Class<?> testClass = context.getRequiredTestClass();
        String problem = unreachable();
        if (problem != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true and " + problem + ": start the service (see .ci/run)");
            }
            Assumptions.abort(problem + "; skipping " + testClass.getSimpleName() + " (it fails instead with CI=true)");
        }
        sql("DROP DATABASE IF EXISTS " + database(testClass));
        sql("CREATE DATABASE " + database(testClass) + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        redis("EVAL", "for _,k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end return 0", "0",
                keyPrefix(testClass) + "*");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Class<?> testClass = context.getRequiredTestClass();
        if (unreachable() == null) {
            sql("DROP DATABASE IF EXISTS " + database(testClass));
            redis("EVAL", "for _,k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end return 0", "0",
                    keyPrefix(testClass) + "*");
        }
    }

    private static String unreachable() {
        try (Connection ignored = DriverManager.getConnection(SERVER_URL + "?connectTimeout=2000", "root", "")) {
            // reachable
        } catch (SQLException e) {
            return "MariaDB at " + HOST + ":3306 is unreachable (" + e.getMessage() + ")";
        }
        try {
            String pong = redis("PING");
            if (!pong.contains("PONG")) {
                return "Redis at " + HOST + ":6379 answered " + pong;
            }
        } catch (IOException e) {
            return "Redis at " + HOST + ":6379 is unreachable (" + e.getMessage() + ")";
        }
        return null;
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER_URL, "root", ""); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** One RESP command on a fresh socket; returns the first reply line. */
    public static String redis(String... args) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, 6379), 2000);
            socket.setSoTimeout(5000);
            StringBuilder command = new StringBuilder("*" + args.length + "\r\n");
            for (String arg : args) {
                command.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg)
                        .append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(command.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder reply = new StringBuilder();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                reply.append((char) b);
            }
            return reply.toString().strip();
        }
    }
}
