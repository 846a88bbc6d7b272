package io.supportkb.search.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.supportkb.shared.ConditionalOnRole;
import io.supportkb.shared.Role;

/** The query pipeline's shared, stateless parts. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(Role.API)
class SearchConfiguration {

    @Bean(destroyMethod = "close")
    Highlighter highlighter() {
        return new Highlighter();
    }

    /** Registered with the observation registry, which picks up every {@code ObservationHandler} bean. */
    @Bean
    StageClock searchStageClock() {
        return new StageClock();
    }
}
