package io.supportkb.ml.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void normalisesLineEndingsCompositionBlankRunsAndControls() {
        assertThat(TextNormalizer.normalize("\uFEFFCafe\u0301  \r\n\r\n\r\n\r\nnext\u0000 line\t \n"))
                .isEqualTo("Caf\u00e9\n\nnext line");
        assertThat(TextNormalizer.normalize(null)).isEmpty();
    }

    @Test
    void aLineFieldHasOneSpaceForEveryWhitespaceRun() {
        assertThat(TextNormalizer.normalizeLine("  Reset\u0000 your \n\t password ")).isEqualTo("Reset your password");
    }

    @Test
    void isIdempotent() {
        String messy = "\uFEFF  ab \r\n\r\n\r\n\u0007c\u00A0 \n\fd\u0301  ";
        String once = TextNormalizer.normalize(messy);
        assertThat(TextNormalizer.normalize(once)).isEqualTo(once);
    }
}
