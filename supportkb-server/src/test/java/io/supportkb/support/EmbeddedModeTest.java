package io.supportkb.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * The embedded mode as shipped (H2 file database in MySQL mode, in-process dispatch, roles api+worker) with
 * fast job timings. Every class using exactly this annotation shares one application context; tests isolate
 * themselves by creating their own collections.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(properties = {
        "supportkb.data-dir=./target/test-data/${random.uuid}",
        "supportkb.ingestion.limits.max-file-size=1MB",
        "supportkb.ingestion.limits.max-line-size=64KB",
        "supportkb.ingestion.limits.max-json-body-size=2MB",
        "supportkb.ingestion.jobs.backoff-base=50ms",
        "supportkb.ingestion.jobs.backoff-max=200ms",
        "supportkb.ingestion.jobs.reconcile-interval=300ms",
        "supportkb.ingestion.jobs.lease-duration=5s",
        "supportkb.indexing.poll-timeout=200ms",
        "supportkb.indexing.heartbeat-interval=1s",
        "supportkb.indexing.shutdown-timeout=5s"})
@AutoConfigureMockMvc
@Import(TestIndexerConfiguration.class)
public @interface EmbeddedModeTest {
}
