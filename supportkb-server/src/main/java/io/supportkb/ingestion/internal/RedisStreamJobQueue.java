package io.supportkb.ingestion.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.models.stream.ClaimedMessages;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import io.supportkb.ingestion.IngestionProperties;
import io.supportkb.ingestion.JobQueue;

/**
 * Wake-ups through a Redis stream and one consumer group shared by all workers: XADD after commit,
 * XREADGROUP to receive, XACK (then XDEL, so the stream length is the backlog) after the database commit,
 * and XAUTOCLAIM to take over entries left pending by a consumer that died. The group is (re)created on demand,
 * so a flushed Redis heals itself; the jobs whose wake-ups were flushed are re-published by the reconciler.
 * Thread-safe; blocking reads use a dedicated connection each (Spring Data Redis does this for BLOCK reads).
 */
@Component
@Profile("redis")
public class RedisStreamJobQueue implements JobQueue {

    private static final Logger log = LoggerFactory.getLogger(RedisStreamJobQueue.class);
    private static final String FIELD = "doc";

    private final StringRedisTemplate redis;
    private final IngestionProperties.Stream stream;
    private final String consumer;
    private final ConcurrentLinkedQueue<WakeUp> claimed = new ConcurrentLinkedQueue<>();
    private final AtomicLong nextClaimAt = new AtomicLong();
    private volatile boolean groupReady;

    public RedisStreamJobQueue(StringRedisTemplate redis, IngestionProperties properties, WorkerIdentity identity) {
        this.redis = redis;
        this.stream = properties.stream();
        this.consumer = identity.id();
    }

    @Override
    public void publish(Collection<String> documentIds) {
        if (documentIds.isEmpty()) {
            return;
        }
        try {
            byte[] key = bytes(stream.key());
            redis.executePipelined((RedisCallback<Object>) connection -> {
                for (String id : documentIds) {
                    connection.streamCommands().xAdd(MapRecord.create(key, Map.of(bytes(FIELD), bytes(id))));
                }
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("Could not publish {} wake-ups to Redis stream {} ({}); the reconciler will re-publish them.",
                    documentIds.size(), stream.key(), e.getMessage());
        }
    }

    @Override
    public Optional<WakeUp> poll(Duration timeout) throws InterruptedException {
        try {
            ensureGroup();
            claimAbandoned();
            WakeUp takenOver = claimed.poll();
            if (takenOver != null) {
                return Optional.of(takenOver);
            }
            List<MapRecord<String, Object, Object>> records = redis.opsForStream().read(
                    Consumer.from(stream.group(), consumer),
                    StreamReadOptions.empty().count(1).block(timeout),
                    StreamOffset.create(stream.key(), ReadOffset.lastConsumed()));
            if (records == null || records.isEmpty()) {
                return Optional.empty();
            }
            MapRecord<String, Object, Object> record = records.getFirst();
            return Optional.of(new WakeUp(String.valueOf(record.getValue().get(FIELD)), record.getId().getValue()));
        } catch (DataAccessException e) {
            groupReady = false;
            if (!mentions(e, "NOGROUP")) {
                log.warn("Reading wake-ups from Redis stream {} failed: {}", stream.key(), e.getMessage());
                TimeUnit.MILLISECONDS.sleep(timeout.toMillis());
            }
            return Optional.empty();
        }
    }

    @Override
    public void acknowledge(WakeUp wakeUp) {
        try {
            byte[] key = bytes(stream.key());
            RecordId id = RecordId.of(wakeUp.deliveryId());
            redis.executePipelined((RedisCallback<Object>) connection -> {
                connection.streamCommands().xAck(key, stream.group(), id);
                connection.streamCommands().xDel(key, id);
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("Could not acknowledge wake-up {} on {}: {}", wakeUp.deliveryId(), stream.key(), e.getMessage());
        }
    }

    @Override
    public long backlog() {
        Long size = redis.opsForStream().size(stream.key());
        return size == null ? 0 : size;
    }

    private void ensureGroup() {
        if (groupReady) {
            return;
        }
        try {
            redis.execute((RedisCallback<String>) connection -> connection.streamCommands()
                    .xGroupCreate(bytes(stream.key()), stream.group(), ReadOffset.from("0"), true));
        } catch (DataAccessException e) {
            if (!mentions(e, "BUSYGROUP")) {
                throw e;
            }
        }
        groupReady = true;
    }

    /** XAUTOCLAIM entries idle longer than {@code claimIdle} (their consumer died), at most once per interval. */
    private void claimAbandoned() {
        long now = System.currentTimeMillis();
        long due = nextClaimAt.get();
        if (now < due || !nextClaimAt.compareAndSet(due, now + stream.claimInterval().toMillis())) {
            return;
        }
        List<WakeUp> taken = redis.execute((RedisCallback<List<WakeUp>>) connection -> autoClaim(connection));
        if (taken != null && !taken.isEmpty()) {
            log.info("Took over {} wake-ups left pending by other consumers of {}", taken.size(), stream.key());
            claimed.addAll(taken);
        }
    }

    @SuppressWarnings("unchecked")
    private List<WakeUp> autoClaim(RedisConnection connection) {
        var commands = (RedisClusterAsyncCommands<byte[], byte[]>) connection.getNativeConnection();
        try {
            ClaimedMessages<byte[], byte[]> result = commands.xautoclaim(bytes(stream.key()),
                    XAutoClaimArgs.Builder.xautoclaim(io.lettuce.core.Consumer.from(bytes(stream.group()),
                            bytes(consumer)), stream.claimIdle(), "0-0").count(32)).get(10, TimeUnit.SECONDS);
            return result.getMessages().stream()
                    .filter(m -> hasField(m.getBody()))
                    .map(m -> new WakeUp(field(m.getBody()), m.getId()))
                    .toList();
        } catch (Exception e) {
            if (mentions(e, "NOGROUP")) {
                groupReady = false;
            } else {
                log.warn("XAUTOCLAIM on {} failed: {}", stream.key(), e.getMessage());
            }
            return List.of();
        }
    }

    /** Redis error codes (NOGROUP, BUSYGROUP) may sit in a nested cause. */
    private static boolean mentions(Throwable e, String code) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c.getMessage() != null && c.getMessage().contains(code)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasField(Map<byte[], byte[]> body) {
        return field(body) != null;
    }

    private static String field(Map<byte[], byte[]> body) {
        if (body == null) {
            return null;
        }
        for (var entry : body.entrySet()) {
            if (FIELD.equals(new String(entry.getKey(), StandardCharsets.UTF_8))) {
                return new String(entry.getValue(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
