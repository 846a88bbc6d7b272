package io.supportkb.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import io.supportkb.indexing.LiveIndex;
import io.supportkb.search.internal.CachedHits;
import io.supportkb.search.internal.SearchCacheConfiguration;
import io.supportkb.search.internal.SearchCaches;
import io.supportkb.support.RealServices;

import tools.jackson.databind.json.JsonMapper;

/** Search, the Redis result and embedding caches, and traces on the real MariaDB and Redis (profile mysql,redis). */
@ExtendWith({RealServices.class, OutputCaptureExtension.class})
@SpringBootTest(properties = {
        "supportkb.data-dir=./target/test-data/${random.uuid}",
        "supportkb.ingestion.jobs.backoff-base=50ms",
        "supportkb.ingestion.jobs.backoff-max=200ms",
        "supportkb.ingestion.jobs.reconcile-interval=300ms",
        "supportkb.ingestion.jobs.lease-duration=5s",
        "supportkb.ingestion.stream.read-block=200ms",
        "supportkb.indexing.poll-timeout=200ms",
        "supportkb.indexing.heartbeat-interval=1s",
        "supportkb.indexing.shutdown-timeout=5s",
        "supportkb.indexing.index.poll-interval=50ms",
        "supportkb.tracing.flush-interval=50ms"})
@ActiveProfiles({"mysql", "redis"})
@AutoConfigureMockMvc
@DirtiesContext
class ProductionSearchTest {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> RealServices.jdbcUrl(ProductionSearchTest.class));
        registry.add("supportkb.ingestion.stream.key", () -> RealServices.keyPrefix(ProductionSearchTest.class) + "wakeups");
        registry.add("supportkb.search.cache.key-prefix", () -> RealServices.keyPrefix(ProductionSearchTest.class) + "cache:");
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    LiveIndex index;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    SearchProperties properties;
    @Autowired
    JsonMapper json;

    KnowledgeBase kb;
    /** Shared by the tests of this class (one context, one database); written once. */
    static KnowledgeBase.Corpus corpus;

    @BeforeEach
    void corpus() throws Exception {
        kb = new KnowledgeBase(mvc, index);
        if (corpus == null) {
            corpus = kb.create("prod-search");
        }
    }

    @Test
    void searchesCachesInRedisAndStoresTracesInMariaDb() throws Exception {
        String query = "{\"query\":\"the labels come out of the printer empty\"}";
        MvcResult miss = kb.query(corpus.collection(), query)
                .andExpect(status().isOk())
                .andExpect(header().string("X-Cache", "miss"))
                .andExpect(jsonPath("$.hits[0].externalId").value("blank-labels"))
                .andExpect(jsonPath("$.noGoodMatch").value(false))
                .andReturn();
        kb.query(corpus.collection(), query)
                .andExpect(header().string("X-Cache", "hit"))
                .andExpect(jsonPath("$.hits[0].externalId").value("blank-labels"))
                .andExpect(jsonPath("$.hits[0].chunks[0].highlights[0].term").isString());
        Set<String> keys = redis.keys(RealServices.keyPrefix(ProductionSearchTest.class) + "cache:*");
        assertThat(keys).anyMatch(k -> k.contains("query-results::" + corpus.collection() + ":"))
                .anyMatch(k -> k.contains("query-embeddings::bge-small-en-v1.5:"));
        assertThat(redis.getExpire(keys.iterator().next())).isPositive();

        String trace = miss.getResponse().getHeader("X-Trace-Id");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM query_trace_hit WHERE trace_id = ?").param(trace).query(Long.class).single() > 0);
        mvc.perform(get("/api/v1/traces/" + trace))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cache").value("miss"))
                .andExpect(jsonPath("$.hits[0].documentId").value(corpus.id("blank-labels")))
                .andExpect(jsonPath("$.hits[0].scores.vectorCosine", greaterThan(0.5), Double.class));
        mvc.perform(get("/api/v1/collections/" + corpus.collection() + "/traces").param("cache", "miss"))
                .andExpect(jsonPath("$.items[*].id", org.hamcrest.Matchers.hasItem(trace)));
        mvc.perform(post("/api/v1/traces/" + trace + "/replay"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.unchanged[0].documentId").value(corpus.id("blank-labels")))
                .andExpect(jsonPath("$.added").isEmpty());
        kb.explain(corpus.collection(), "{\"query\":\"the labels come out of the printer empty\",\"documentId\":\""
                        + corpus.id("blank-labels") + "\"}")
                .andExpect(jsonPath("$.verdict").value("Returned at rank 1 of 5."));
    }

    @Test
    void answersWithCitationsCachesTheAnswerInRedisAndTracesItInMariaDb() throws Exception {
        String query = "{\"query\":\"my thermal printer prints blank labels, what setting fixes it?\",\"answer\":true}";
        MvcResult miss = kb.query(corpus.collection(), query)
                .andExpect(status().isOk())
                .andExpect(header().string("X-Cache", "miss"))
                .andExpect(jsonPath("$.answer.status").value("ANSWERED"))
                .andExpect(jsonPath("$.answer.text", containsString("Raw ZPL")))
                .andExpect(jsonPath("$.answer.check.passed").value(true))
                .andExpect(jsonPath("$.answer.sentences[0].citations[0].documentId").value(corpus.id("blank-labels")))
                .andReturn();
        String answer = com.jayway.jsonpath.JsonPath.read(KnowledgeBase.body(miss), "$.answer.text");
        kb.query(corpus.collection(), query)
                .andExpect(header().string("X-Cache", "hit"))
                .andExpect(jsonPath("$.answer.text").value(answer));

        String trace = miss.getResponse().getHeader("X-Trace-Id");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM query_trace WHERE id = ? AND answer_status = 'ANSWERED'").param(trace)
                .query(Long.class).single() == 1);
        mvc.perform(get("/api/v1/traces/" + trace))
                .andExpect(jsonPath("$.answer.text").value(answer))
                .andExpect(jsonPath("$.answer.sentences[0].citations[0].quote", containsString("Raw ZPL")));
    }

    @Test
    void neverServesADeletedDocumentFromTheRedisCache() throws Exception {
        String collection = kb.newCollection("prod-deleted");
        String keep = kb.add(collection, KnowledgeBase.DOCUMENTS.get("carrier-outage"));
        String gone = kb.add(collection, KnowledgeBase.DOCUMENTS.get("customs"));
        String query = "{\"query\":\"what goes on a customs form\"}";
        kb.query(collection, query).andExpect(header().string("X-Cache", "miss"))
                .andExpect(jsonPath("$.hits[0].documentId").value(gone));
        kb.query(collection, query).andExpect(header().string("X-Cache", "hit"));

        kb.delete(collection, gone);

        kb.query(collection, query)
                .andExpect(header().string("X-Cache", "miss"))
                .andExpect(jsonPath("$.hits[*].documentId", is(List.of(keep))));
    }

    @Test
    void treatsAnUnreachableRedisAsMissesAndSaysSoOnce(CapturedOutput output) throws Exception {
        LettuceConnectionFactory down = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration(RealServices.HOST, closedPort()));
        down.afterPropertiesSet();
        down.start();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try {
            SearchCaches caches = SearchCacheConfiguration.redis(down, properties.cache(), json, meters);
            caches.putResult("k", new CachedHits(List.of(), true, "none", null));
            assertThat(caches.result("k")).isEmpty();
            assertThat(caches.embedding("k")).isEmpty();
            assertThat(caches.result("k")).isEmpty();
        } finally {
            down.destroy();
        }
        assertThat(meters.counter("supportkb.search.cache", "cache", "query", "result", "miss").count()).isEqualTo(2);
        // only the first call reached for Redis; the others bypassed it for redis-retry-after
        assertThat(meters.counter("supportkb.search.cache.errors", "backend", "redis").count()).isEqualTo(1);
        assertThat(output.getOut().lines().filter(l -> l.contains("The redis query cache failed")).count())
                .isEqualTo(1);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
