package io.supportkb.search.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.Cache;
import org.springframework.data.redis.serializer.SerializationException;

/**
 * The query-result cache and the query-embedding cache, over Spring's {@link Cache} abstraction (Caffeine in this
 * process, or Redis shared by all API nodes). The caches are an optimisation, never a dependency: a failing backend
 * counts as a miss, is logged once, and is bypassed for {@code retryAfter} before it is tried again, so an outage
 * costs at most one slow call per period instead of one per query. Every lookup counts
 * {@code supportkb.search.cache{cache=query|embedding, result=hit|miss}}. Thread-safe.
 */
public final class SearchCaches {

    private static final Logger log = LoggerFactory.getLogger(SearchCaches.class);

    private final Cache results;
    private final Cache embeddings;
    private final String backend;
    private final Duration retryAfter;
    private final Clock clock;
    private final AtomicReference<Instant> bypassUntil = new AtomicReference<>();
    private final Counter resultHits;
    private final Counter resultMisses;
    private final Counter embeddingHits;
    private final Counter embeddingMisses;
    private final Counter errors;

    /**
     * @param results    cache of {@link CachedHits} by result key, or {@code null} for no result caching
     * @param embeddings cache of {@code float[]} by embedding key, or {@code null}
     * @param backend    name for logs and metrics ({@code caffeine}, {@code redis}, {@code none})
     */
    public SearchCaches(Cache results, Cache embeddings, String backend, Duration retryAfter, MeterRegistry meters,
                        Clock clock) {
        this.results = results;
        this.embeddings = embeddings;
        this.backend = backend;
        this.retryAfter = retryAfter;
        this.clock = clock;
        this.resultHits = counter(meters, "query", "hit");
        this.resultMisses = counter(meters, "query", "miss");
        this.embeddingHits = counter(meters, "embedding", "hit");
        this.embeddingMisses = counter(meters, "embedding", "miss");
        this.errors = Counter.builder("supportkb.search.cache.errors").tag("backend", backend)
                .description("cache operations that failed and were treated as misses").register(meters);
    }

    private static Counter counter(MeterRegistry meters, String cache, String result) {
        return Counter.builder("supportkb.search.cache").tag("cache", cache).tag("result", result)
                .description("query cache lookups by outcome").register(meters);
    }

    public Optional<CachedHits> result(String key) {
        CachedHits found = lookup(results, key, CachedHits.class);
        (found != null ? resultHits : resultMisses).increment();
        return Optional.ofNullable(found);
    }

    public void putResult(String key, CachedHits value) {
        store(results, key, value);
    }

    public Optional<float[]> embedding(String key) {
        float[] found = lookup(embeddings, key, float[].class);
        (found != null ? embeddingHits : embeddingMisses).increment();
        return Optional.ofNullable(found);
    }

    public void putEmbedding(String key, float[] vector) {
        store(embeddings, key, vector);
    }

    public String backend() {
        return backend;
    }

    private <T> T lookup(Cache cache, String key, Class<T> type) {
        if (cache == null || bypassed()) {
            return null;
        }
        return guarded(() -> cache.get(key, type), "read");
    }

    private void store(Cache cache, String key, Object value) {
        if (cache == null || bypassed()) {
            return;
        }
        guarded(() -> {
            cache.put(key, value);
            return null;
        }, "write");
    }

    private <T> T guarded(Supplier<T> operation, String what) {
        try {
            T value = operation.get();
            if (bypassUntil.get() != null && bypassUntil.getAndSet(null) != null) {
                log.info("The {} query cache works again.", backend);
            }
            return value;
        } catch (SerializationException e) {
            // one unreadable entry (written by another version) is a miss, not an outage
            log.debug("unreadable {} cache entry treated as a miss: {}", backend, e.toString());
            return null;
        } catch (RuntimeException e) {
            errors.increment();
            Instant until = clock.instant().plus(retryAfter);
            if (bypassUntil.getAndSet(until) == null) {
                log.warn("The {} query cache failed to {} ({}); queries run uncached (misses) and the cache is tried "
                        + "again every {} s. Check that the cache backend is reachable.", backend, what, e.toString(),
                        retryAfter.toSeconds());
            }
            return null;
        }
    }

    private boolean bypassed() {
        Instant until = bypassUntil.get();
        return until != null && clock.instant().isBefore(until);
    }
}
