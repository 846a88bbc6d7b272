package io.supportkb;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.supportkb.cli.Kb;

/**
 * SupportKB server: one process that plays the roles named in {@code supportkb.roles} ({@code api}, {@code worker}).
 * The top-level packages below this one are Spring Modulith modules; see {@code docs/} for the architecture.
 *
 * <p>{@link #main} is the {@code kb} command line ({@link Kb}): {@code kb serve} starts this application, {@code kb}
 * alone prints help.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SupportKbApplication {

    public static void main(String[] args) {
        System.exit(new Kb(SupportKbApplication.class).execute(args));
    }
}
