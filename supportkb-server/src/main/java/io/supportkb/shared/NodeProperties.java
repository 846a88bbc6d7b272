package io.supportkb.shared;

import java.nio.file.Path;
import java.util.Set;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Node-wide settings ({@code supportkb.*}).
 *
 * @param dataDir where the embedded mode keeps its H2 database and Lucene index
 * @param roles   what this process does; {@code api}, {@code worker} or both
 */
@Validated
@ConfigurationProperties("supportkb")
public record NodeProperties(@NotNull Path dataDir, @NotEmpty Set<Role> roles) {
}
