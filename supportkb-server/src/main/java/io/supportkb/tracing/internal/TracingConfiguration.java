package io.supportkb.tracing.internal;

import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;

import io.supportkb.search.CacheOutcome;
import io.supportkb.search.QueryAnswered;
import io.supportkb.search.QueryHit;
import io.supportkb.shared.ConditionalOnRole;
import io.supportkb.shared.Role;
import io.supportkb.tracing.QueryTrace;
import io.supportkb.tracing.TraceParams;
import io.supportkb.tracing.TracedHit;
import io.supportkb.tracing.TracingProperties;

/** On API nodes: the trace writer, the listener that feeds it, and the retention purge. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.API)
class TracingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TracingConfiguration.class);

    @Bean
    TraceWriter traceWriter(TraceRows rows, TracingProperties properties, MeterRegistry meters,
                            ObservationRegistry observations) {
        return new TraceWriter(rows, properties.queueCapacity(), properties.batchSize(), properties.flushInterval(),
                properties.shutdownTimeout(), meters, observations);
    }

    @Bean
    TraceRecorder traceRecorder(TraceWriter writer, TracingProperties properties) {
        return new TraceRecorder(writer, properties.enabled());
    }

    @Bean
    TracePurge tracePurge(TraceRows rows, TracingProperties properties) {
        return new TracePurge(rows, properties);
    }

    /** Turns each answered query into a trace and queues it; never blocks the query. */
    static final class TraceRecorder {
        private final TraceWriter writer;
        private final boolean enabled;

        TraceRecorder(TraceWriter writer, boolean enabled) {
            this.writer = writer;
            this.enabled = enabled;
        }

        @EventListener
        void on(QueryAnswered answered) {
            if (enabled) {
                writer.submit(trace(answered));
            }
        }

        static QueryTrace trace(QueryAnswered a) {
            return new QueryTrace(a.traceId(), a.at(), a.collection(), a.caller(), a.request().query(),
                    TraceParams.of(a.request()), CacheOutcome.of(a.cacheHit()), a.modelId(), a.generation(), a.timings(),
                    a.timings().totalMs(), a.noGoodMatch(), a.otelTraceId(),
                    a.hits().stream().map(TraceRecorder::hit).toList(), a.answer());
        }

        private static TracedHit hit(QueryHit h) {
            return new TracedHit(h.rank(), h.documentId(), h.chunks().isEmpty() ? 0 : h.chunks().getFirst().ordinal(),
                    h.scores());
        }
    }

    /** Deletes traces older than {@code supportkb.tracing.retention}. Concurrent purges on other nodes are harmless. */
    static final class TracePurge {
        private final TraceRows rows;
        private final TracingProperties properties;

        TracePurge(TraceRows rows, TracingProperties properties) {
            this.rows = rows;
            this.properties = properties;
        }

        @Scheduled(fixedDelayString = "${supportkb.tracing.purge-interval}",
                initialDelayString = "${supportkb.tracing.purge-interval}")
        void purge() {
            try {
                int purged = rows.purgeBefore(Instant.now().minus(properties.retention()));
                if (purged > 0) {
                    log.info("Purged {} query traces older than {}.", purged, properties.retention());
                }
            } catch (RuntimeException e) {
                log.warn("Purging old query traces failed; retrying in {}: {}", properties.purgeInterval(),
                        e.toString());
            }
        }
    }
}
