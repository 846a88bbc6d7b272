package io.supportkb.indexing.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.supportkb.indexing.IndexChangeLog;
import io.supportkb.indexing.IndexingProperties;
import io.supportkb.indexing.LiveIndex;
import io.supportkb.shared.ConditionalOnRole;
import io.supportkb.shared.NodeProperties;
import io.supportkb.shared.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/** API nodes keep a {@link LiveIndex}, caught up at start and polled for new changes. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.API)
class LiveIndexConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LiveIndexConfiguration.class);

    @Bean(destroyMethod = "close")
    LiveIndex liveIndex(IndexChangeLog changes, LiveIndex.IndexedDocuments documents, NodeProperties node,
                        IndexingProperties settings, MeterRegistry meters) {
        LiveIndex index = new LiveIndex(changes, documents, node, settings, meters);
        index.start();
        return index;
    }

    @Bean
    LiveIndexPoller liveIndexPoller(LiveIndex index) {
        return new LiveIndexPoller(index);
    }

    @Bean
    HealthIndicator indexHealthIndicator(LiveIndex index) {
        return () -> {
            double lag = index.lag();
            Health.Builder health = Double.isNaN(lag) ? Health.unknown() : Health.up();
            return health.withDetail("generation", index.appliedGeneration()).withDetail("lag", lag).build();
        };
    }

    static final class LiveIndexPoller {
        private final LiveIndex index;

        LiveIndexPoller(LiveIndex index) {
            this.index = index;
        }

        @Scheduled(fixedDelayString = "${supportkb.indexing.index.poll-interval}")
        void poll() {
            try {
                index.catchUp();
            } catch (RuntimeException e) {
                log.warn("applying index changes failed; retrying at the next poll: {}", e.toString());
            }
        }
    }
}
