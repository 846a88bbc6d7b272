package io.supportkb.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.jayway.jsonpath.JsonPath;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import io.supportkb.shared.UtcDateTime;
import io.supportkb.support.Api;
import io.supportkb.support.GatedIndexer;
import io.supportkb.support.RealServices;
import io.supportkb.support.TestIndexerConfiguration;

/** The production mode: real MariaDB 10.11 and Redis 7, Redis Streams wake-ups, one worker thread. */
@ExtendWith(RealServices.class)
@SpringBootTest(properties = {
        "supportkb.ingestion.jobs.backoff-base=50ms",
        "supportkb.ingestion.jobs.backoff-max=200ms",
        "supportkb.ingestion.jobs.reconcile-interval=300ms",
        "supportkb.ingestion.jobs.lease-duration=5s",
        "supportkb.ingestion.stream.read-block=200ms",
        "supportkb.ingestion.stream.claim-idle=5s",
        "supportkb.ingestion.stream.claim-interval=1s",
        "supportkb.indexing.worker-threads=1",
        "supportkb.indexing.poll-timeout=200ms",
        "supportkb.indexing.heartbeat-interval=1s",
        "supportkb.indexing.shutdown-timeout=5s"})
@ActiveProfiles({"mysql", "redis"})
@AutoConfigureMockMvc
@Import(TestIndexerConfiguration.class)
@DirtiesContext
class ProductionModeTest {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> RealServices.jdbcUrl(ProductionModeTest.class));
        registry.add("supportkb.ingestion.stream.key", () -> RealServices.keyPrefix(ProductionModeTest.class) + "wakeups");
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    GatedIndexer indexer;

    Api api;
    String collection;

    @BeforeEach
    void collection() throws Exception {
        api = new Api(mvc);
        collection = api.newCollection("prod");
    }

    String streamKey() {
        return RealServices.keyPrefix(ProductionModeTest.class) + "wakeups";
    }

    @Test
    void indexesABatchThroughTheRedisStreamAndAcknowledgesEveryWakeUp() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            lines.append("{\"externalId\":\"doc-").append(i).append("\",\"text\":\"Article ").append(i)
                    .append(".\\n\\nSecond paragraph of ").append(i).append(".\"}\n");
        }
        String report = mvc.perform(post("/api/v1/collections/" + collection + "/documents")
                        .contentType("application/x-ndjson").content(lines.toString().getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.accepted").value(20))
                .andReturn().getResponse().getContentAsString();
        List<String> ids = JsonPath.read(report, "$.results[*].documentId");
        for (String id : ids) {
            api.awaitStatus(collection, id, "INDEXED");
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM chunk WHERE collection_id = ?").param(collection)
                .query(Integer.class).single()).isEqualTo(40);
        Awaitility.await().until(() -> redis.opsForStream().size(streamKey()) == 0);
        mvc.perform(get("/api/v1/collections/" + collection + "/ingestion"))
                .andExpect(jsonPath("$.documents.INDEXED").value(20))
                .andExpect(jsonPath("$.pending").value(0));
        mvc.perform(get("/actuator/health"))
                .andExpect(jsonPath("$.components.db.status").value("UP"))
                .andExpect(jsonPath("$.components.redis.status").value("UP"));
    }

    @Test
    void recoversJobsWhoseWakeUpsRedisLost() throws Exception {
        String busy = api.submit(collection, "{\"text\":\"Keeps the only worker busy. GATE:flush\"}");
        api.awaitStatus(collection, busy, "PROCESSING");
        String b = api.submit(collection, "{\"text\":\"Queued behind it, first.\"}");
        String c = api.submit(collection, "{\"text\":\"Queued behind it, second.\"}");
        Awaitility.await().until(() -> redis.opsForStream().size(streamKey()) >= 2);
        redis.delete(streamKey());              // what FLUSHALL does to this stream and its consumer group
        indexer.open("flush");
        api.awaitStatus(collection, busy, "INDEXED");
        api.awaitStatus(collection, b, "INDEXED");
        api.awaitStatus(collection, c, "INDEXED");
    }

    @Test
    void takesOverAnExpiredLeaseWithoutDuplicatingChunks() throws Exception {
        String id = api.submit(collection, "{\"text\":\"One.\\n\\nTwo.\\n\\nThree.\"}");
        api.awaitStatus(collection, id, "INDEXED");
        // as if a worker had claimed it again and was killed: PROCESSING, lease expired, owner gone
        jdbc.sql("UPDATE ingest_job SET state = 'PROCESSING', attempts = 1, lease_owner = 'killed/1', lease_until = ? "
                + "WHERE document_id = ?").params(UtcDateTime.of(Instant.now().minusSeconds(30)), id).update();
        jdbc.sql("UPDATE document SET status = 'PROCESSING' WHERE id = ?").param(id).update();
        String doc = api.awaitStatus(collection, id, "INDEXED");
        assertThat((Integer) JsonPath.read(doc, "$.attempts")).isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM chunk WHERE document_id = ?").param(id).query(Integer.class).single())
                .isEqualTo(3);
    }

    @Test
    void runsTheSameMigrationsOnMariaDb() throws java.io.IOException {
        int migrations = new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                .getResources("classpath:db/migration/V*.sql").length;
        assertThat(jdbc.sql("SELECT VERSION()").query(String.class).single()).containsIgnoringCase("mariadb");
        assertThat(migrations).isPositive();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL")
                .query(Integer.class).single()).isEqualTo(migrations);
    }

    @Test
    void failsAPoisonDocumentAfterFiveAttempts() throws Exception {
        String poison = api.submit(collection, "{\"text\":\"POISON in production\"}");
        String doc = api.awaitStatus(collection, poison, "FAILED");
        assertThat((Integer) JsonPath.read(doc, "$.attempts")).isEqualTo(5);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> redis.opsForStream().size(streamKey()) == 0);
    }
}
