package io.supportkb.ingestion.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.supportkb.ingestion.IngestionProperties;
import io.supportkb.ingestion.JobQueue;
import io.supportkb.support.RealServices;

/** The Redis stream wake-up queue against the real Redis: delivery, acknowledgement, take-over, flush. */
@ExtendWith(RealServices.class)
class RedisStreamJobQueueTest {

    static final String KEY = RealServices.keyPrefix(RedisStreamJobQueueTest.class) + "wakeups";

    LettuceConnectionFactory factory;
    StringRedisTemplate redis;

    @BeforeEach
    void connect() {
        factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(RealServices.HOST, 6379));
        factory.afterPropertiesSet();
        factory.start();
        redis = new StringRedisTemplate(factory);
        redis.delete(KEY);
    }

    @AfterEach
    void disconnect() {
        redis.delete(KEY);
        factory.destroy();
    }

    RedisStreamJobQueue consumer(String name) {
        IngestionProperties base = TikaTextExtractorTest.properties(Duration.ofSeconds(5), 1000);
        IngestionProperties properties = new IngestionProperties(base.limits(), base.parsing(),
                new IngestionProperties.Jobs(5, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5),
                        Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(10), name),
                new IngestionProperties.Stream(KEY, "workers", Duration.ofMillis(100), Duration.ofMillis(200),
                        Duration.ZERO));
        return new RedisStreamJobQueue(redis, properties, new WorkerIdentity(properties));
    }

    @Test
    void deliversEachWakeUpOnceAndForgetsItWhenAcknowledged() throws Exception {
        RedisStreamJobQueue queue = consumer("alive");
        queue.publish(List.of("doc-1", "doc-2"));
        assertThat(queue.backlog()).isEqualTo(2);
        JobQueue.WakeUp first = queue.poll(Duration.ofSeconds(1)).orElseThrow();
        JobQueue.WakeUp second = queue.poll(Duration.ofSeconds(1)).orElseThrow();
        assertThat(List.of(first.documentId(), second.documentId())).containsExactly("doc-1", "doc-2");
        queue.acknowledge(first);
        queue.acknowledge(second);
        assertThat(queue.backlog()).isZero();
        assertThat(queue.poll(Duration.ofMillis(100))).isEmpty();
    }

    @Test
    void takesOverWakeUpsLeftPendingByADeadConsumer() throws Exception {
        RedisStreamJobQueue dead = consumer("dead");
        RedisStreamJobQueue alive = consumer("alive");
        dead.publish(List.of("orphan"));
        assertThat(dead.poll(Duration.ofSeconds(1))).map(JobQueue.WakeUp::documentId).contains("orphan");
        // "dead" never acknowledges; once the entry has been idle for claim-idle, "alive" claims it
        JobQueue.WakeUp taken = Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> alive.poll(Duration.ofMillis(100)), Optional::isPresent).orElseThrow();
        assertThat(taken.documentId()).isEqualTo("orphan");
        alive.acknowledge(taken);
        assertThat(alive.backlog()).isZero();
    }

    @Test
    void recreatesItsGroupAfterRedisLostTheStream() throws Exception {
        RedisStreamJobQueue queue = consumer("alive");
        queue.publish(List.of("before"));
        queue.acknowledge(queue.poll(Duration.ofSeconds(1)).orElseThrow());
        redis.delete(KEY);
        assertThat(queue.backlog()).isZero();
        assertThat(queue.poll(Duration.ofMillis(100))).isEmpty();
        queue.publish(List.of("after"));
        JobQueue.WakeUp next = Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> queue.poll(Duration.ofMillis(100)), Optional::isPresent).orElseThrow();
        assertThat(next.documentId()).isEqualTo("after");
    }
}
