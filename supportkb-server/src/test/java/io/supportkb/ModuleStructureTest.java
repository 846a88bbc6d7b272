package io.supportkb;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModuleStructureTest {

    /**
     * {@code io.supportkb.ml} is the supportkb-ml library (plain Java, its own Maven module), not an application
     * module: every module may use its public types, so it is left out of the module model.
     */
    @Test
    void modulesRespectTheirBoundaries() {
        ApplicationModules.of(SupportKbApplication.class, resideInAPackage("io.supportkb.ml..")).verify();
    }
}
