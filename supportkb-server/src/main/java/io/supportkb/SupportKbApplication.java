package io.supportkb;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * SupportKB server: one process that plays the roles named in {@code supportkb.roles} ({@code api}, {@code worker}).
 * The top-level packages below this one are Spring Modulith modules; see {@code docs/} for the architecture.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SupportKbApplication {

    public static void main(String[] args) {
        SpringApplication.run(SupportKbApplication.class, args);
    }
}
