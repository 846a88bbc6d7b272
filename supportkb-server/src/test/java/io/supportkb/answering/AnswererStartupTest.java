package io.supportkb.answering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.supportkb.SupportKbApplication;

/** A configured language model that is missing fails the startup with its path, or falls back when optional. */
class AnswererStartupTest {

    @TempDir
    Path temp;

    /** Starts the application with {@code properties} as command-line arguments (above application.yaml). */
    private ConfigurableApplicationContext start(String... properties) {
        String[] args = new String[properties.length + 1];
        args[0] = "--supportkb.data-dir=" + temp.resolve(UUID.randomUUID().toString());
        for (int i = 0; i < properties.length; i++) {
            args[i + 1] = "--" + properties[i];
        }
        return new SpringApplicationBuilder(SupportKbApplication.class).web(WebApplicationType.NONE).run(args);
    }

    @Test
    void aMissingJlamaModelFailsTheStartupWithItsPath() {
        Path missing = temp.resolve("no-such-model");

        assertThatThrownBy(() -> start("supportkb.answering.answerer=jlama",
                "supportkb.answering.jlama.model-dir=" + missing).close())
                .rootCause().hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> start("supportkb.answering.answerer=jlama",
                "supportkb.answering.jlama.model-dir=" + missing).close())
                .hasStackTraceContaining("supportkb.answering.optional=true");
    }

    @Test
    void anOptionalMissingModelFallsBackToExtractiveAndSaysWhy() {
        Path missing = temp.resolve("no-such-model");
        try (ConfigurableApplicationContext context = start("supportkb.answering.answerer=jlama",
                "supportkb.answering.optional=true", "supportkb.answering.jlama.model-dir=" + missing)) {
            AnswerService answers = context.getBean(AnswerService.class);

            assertThat(answers.answererName()).isEqualTo("extractive");
            assertThat(answers.fallbackReason()).contains("jlama", missing.toString());
        }
    }

    @Test
    void aRemoteOpenAiHostIsRefusedUnlessAllowed() {
        assertThatThrownBy(() -> start("supportkb.answering.answerer=openai", "supportkb.answering.openai.model=m",
                "supportkb.answering.openai.base-url=http://93.184.215.14:11434/v1").close())
                .hasStackTraceContaining("93.184.215.14").hasStackTraceContaining("allow");
    }

    @Test
    void aGenerationTimeoutThatIsNotPositiveIsRefusedAtStartupNotReplaced() {
        for (String timeout : new String[] {"0s", "-5s"}) {
            // Spring Boot names the property, the value (as a java.time.Duration) and the limit.
            String value = java.time.Duration.parse("PT" + timeout.toUpperCase(java.util.Locale.ROOT)).toString();
            assertThatThrownBy(() -> start("supportkb.answering.generation.timeout=" + timeout).close())
                    .hasStackTraceContaining("supportkb.answering.generation.timeout")
                    .hasStackTraceContaining("rejected value [" + value + "]")
                    .hasStackTraceContaining("must be longer than or equal to 1 milli");
        }
        assertThatThrownBy(() -> start("supportkb.answering.openai.connect-timeout=0s").close())
                .hasStackTraceContaining("supportkb.answering.openai.connectTimeout");
    }
}
