package io.supportkb.shared;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code supportkb.data-dir} absolute before anything reads it: H2 refuses a database file path that is
 * implicitly relative to the working directory ({@code data/x}), so {@code --supportkb.data-dir=data/x} would fail at
 * startup while {@code ./data/x} worked.
 */
public final class DataDirectory implements EnvironmentPostProcessor {

    private static final String PROPERTY = "supportkb.data-dir";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            return;
        }
        String absolute = Path.of(configured).toAbsolutePath().normalize().toString();
        if (!absolute.equals(configured)) {
            environment.getPropertySources().addFirst(new MapPropertySource("supportkb-absolute-data-dir",
                    Map.of(PROPERTY, absolute)));
        }
    }
}
