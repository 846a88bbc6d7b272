package io.supportkb.search.internal;

import java.time.Clock;

import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cache.Cache;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.serializer.JacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;

import io.supportkb.search.SearchProperties;
import io.supportkb.shared.ConditionalOnRole;
import io.supportkb.shared.Role;

import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the {@link SearchCaches} for {@code supportkb.search.cache.backend}. The Spring {@link Cache} instances
 * are private to the search module (not beans), so they never meet an application-wide {@code CacheManager}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.API)
public class SearchCacheConfiguration {

    static final String RESULTS = "query-results";
    static final String EMBEDDINGS = "query-embeddings";

    @Bean
    SearchCaches searchCaches(SearchProperties properties, MeterRegistry meters,
                              ObjectProvider<RedisConnectionFactory> redis, JsonMapper json) {
        SearchProperties.Cache settings = properties.cache();
        return switch (settings.backend()) {
            case NONE -> new SearchCaches(null, null, "none", settings.redisRetryAfter(), meters, Clock.systemUTC());
            case CAFFEINE -> caffeine(settings, meters);
            case REDIS -> {
                RedisConnectionFactory factory = redis.getIfAvailable();
                if (factory == null) {
                    throw new IllegalStateException("supportkb.search.cache.backend=redis needs Redis: activate the "
                            + "redis profile (spring.data.redis.host/port) or set the backend to caffeine");
                }
                yield redis(factory, settings, json, meters);
            }
        };
    }

    static SearchCaches caffeine(SearchProperties.Cache settings, MeterRegistry meters) {
        return new SearchCaches(
                new CaffeineCache(RESULTS, Caffeine.newBuilder().maximumSize(settings.maxResults())
                        .expireAfterWrite(settings.ttl()).build(), false),
                new CaffeineCache(EMBEDDINGS, Caffeine.newBuilder().maximumSize(settings.maxEmbeddings())
                        .expireAfterWrite(settings.ttl()).build(), false),
                "caffeine", settings.redisRetryAfter(), meters, Clock.systemUTC());
    }

    /**
     * Redis caches through Spring Data Redis' {@code RedisCache}: keys {@code <keyPrefix><cache name>::<key>} with
     * the TTL; values JSON (results) or float32 (embeddings).
     */
    public static SearchCaches redis(RedisConnectionFactory factory, SearchProperties.Cache settings, JsonMapper json,
                                     MeterRegistry meters) {
        RedisCacheConfiguration base = RedisCacheConfiguration.defaultCacheConfig()
                .entryTtl(settings.ttl())
                .disableCachingNullValues()
                .prefixCacheNameWith(settings.keyPrefix());
        RedisCacheManager manager = RedisCacheManager.builder(RedisCacheWriter.nonLockingRedisCacheWriter(factory))
                .cacheDefaults(base)
                .withCacheConfiguration(RESULTS, base.serializeValuesWith(
                        SerializationPair.fromSerializer(new JacksonJsonRedisSerializer<>(json, CachedHits.class))))
                .withCacheConfiguration(EMBEDDINGS, base.serializeValuesWith(
                        SerializationPair.fromSerializer(new FloatVectorSerializer())))
                .disableCreateOnMissingCache()
                .build();
        manager.initializeCaches();
        return new SearchCaches(manager.getCache(RESULTS), manager.getCache(EMBEDDINGS), "redis",
                settings.redisRetryAfter(), meters, Clock.systemUTC());
    }
}
