package io.supportkb.indexing.internal;

import io.supportkb.ml.embed.Embedder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** The embedding model is loaded and answers: embeds a probe text (microseconds of work after warm-up). */
@Component("model")
class ModelHealthIndicator implements HealthIndicator {

    private final Embedder embedder;

    ModelHealthIndicator(Embedder embedder) {
        this.embedder = embedder;
    }

    @Override
    public Health health() {
        try {
            int dims = embedder.embedQuery("health").length;
            return Health.up().withDetail("model", embedder.model().id()).withDetail("dimensions", dims).build();
        } catch (RuntimeException e) {
            return Health.down(e).withDetail("model", embedder.model().id()).build();
        }
    }
}
