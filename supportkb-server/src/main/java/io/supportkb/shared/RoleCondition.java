package io.supportkb.shared;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Evaluates {@link ConditionalOnRole} against {@code supportkb.roles} (default: all roles). */
final class RoleCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnRole.class.getName());
        Role wanted = (Role) attributes.get("value");
        List<String> roles = Binder.get(context.getEnvironment())
                .bind("supportkb.roles", Bindable.listOf(String.class))
                .orElse(List.of("api", "worker"));
        return roles.stream().anyMatch(r -> r.trim().toUpperCase(Locale.ROOT).equals(wanted.name()));
    }
}
