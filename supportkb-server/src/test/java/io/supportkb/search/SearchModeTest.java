package io.supportkb.search;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The embedded mode as shipped, with the real model indexer (chunks are embedded, so the live index can search
 * them), fast job timings and a short index poll. Unlike {@code @EmbeddedModeTest} it does not swap in the gated
 * placeholder indexer. Every class using exactly this annotation shares one application context; tests isolate
 * themselves by creating their own collections.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
        "supportkb.data-dir=./target/test-data/${random.uuid}",
        "supportkb.ingestion.jobs.backoff-base=50ms",
        "supportkb.ingestion.jobs.backoff-max=200ms",
        "supportkb.ingestion.jobs.reconcile-interval=300ms",
        "supportkb.ingestion.jobs.lease-duration=5s",
        "supportkb.indexing.poll-timeout=200ms",
        "supportkb.indexing.heartbeat-interval=1s",
        "supportkb.indexing.shutdown-timeout=5s",
        "supportkb.indexing.index.poll-interval=50ms",
        "supportkb.tracing.flush-interval=50ms",
        "logging.level.io.supportkb.search=DEBUG"})
@AutoConfigureMockMvc
public @interface SearchModeTest {
}
