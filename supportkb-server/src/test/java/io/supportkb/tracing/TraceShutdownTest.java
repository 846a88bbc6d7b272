package io.supportkb.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.supportkb.SupportKbApplication;
import io.supportkb.ingestion.CollectionCatalog;
import io.supportkb.search.QueryFilters;
import io.supportkb.search.QueryMode;
import io.supportkb.search.QueryRequest;
import io.supportkb.search.QueryService;

/**
 * Traces queued right before a graceful shutdown are written before the database closes. The writer is set to
 * flush only once an hour, so every trace in the table was written by the shutdown drain.
 */
class TraceShutdownTest {

    @Test
    void writesEveryQueuedTraceOnGracefulShutdown() throws Exception {
        Path dataDir = Path.of("target", "test-data", UUID.randomUUID().toString()).toAbsolutePath();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SupportKbApplication.class)
                .web(WebApplicationType.NONE)
                .run("--supportkb.data-dir=" + dataDir, "--supportkb.roles=api",
                        "--supportkb.tracing.flush-interval=1h", "--supportkb.tracing.batch-size=10000");
        QueryService queries = context.getBean(QueryService.class);
        context.getBean(CollectionCatalog.class).create("shutdown", null);
        for (int i = 0; i < 25; i++) {
            queries.query("shutdown", new QueryRequest("question number " + i, 5, QueryMode.HYBRID,
                    QueryFilters.none(), 1), "anonymous");
        }

        context.close();

        String url = "jdbc:h2:file:" + dataDir.resolve("db").resolve("supportkb") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE";
        try (Connection db = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = db.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM query_trace WHERE collection_id = 'shutdown'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(25);
        }
    }
}
