package io.supportkb.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

@TestConfiguration(proxyBeanMethods = false)
public class TestIndexerConfiguration {

    @Bean
    @Primary
    GatedIndexer gatedIndexer() {
        return new GatedIndexer();
    }
}
