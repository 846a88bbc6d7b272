package io.supportkb.answering.internal;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import io.supportkb.answering.AnswerService;
import io.supportkb.shared.ConditionalOnRole;
import io.supportkb.shared.Role;

/**
 * Which answerer serves answers. Up in every case (answers fall back to quoting), but a fallback from a configured
 * language model is reported as a {@code fallback} detail so operators see it.
 */
@Component("answerer")
@ConditionalOnRole(Role.API)
class AnswererHealthIndicator implements HealthIndicator {

    private final AnswerService answers;

    AnswererHealthIndicator(AnswerService answers) {
        this.answers = answers;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up().withDetail("answerer", answers.answererName())
                .withDetail("model", answers.modelId());
        if (answers.fallbackReason() != null) {
            health.withDetail("fallback", answers.fallbackReason());
        }
        return health.build();
    }
}
