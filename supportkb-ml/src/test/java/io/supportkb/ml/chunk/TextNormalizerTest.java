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
    void readsC1ControlsAsTheWindows1252CharactersTheyWere() {
        // SciFact doc 4336849 has "function1\u00964": dropping the control made one token "14" out of "1" and "4"
        assertThat(TextNormalizer.normalize("function1\u00964. Don\u0092t \u0093quote\u0094 \u0080 5\u0085"))
                .isEqualTo("function1\u20134. Don\u2019t \u201Cquote\u201D \u20AC 5\u2026");
        // the five bytes Windows-1252 leaves undefined are dropped
        assertThat(TextNormalizer.normalize("a\u0081b\u008Dc\u008Fd\u0090e\u009Df")).isEqualTo("abcdef");
    }

    @Test
    void pageBreaksBecomeLineBreaks() {
        assertThat(TextNormalizer.normalize("end of page\fStart\u000Bnext")).isEqualTo("end of page\nStart\nnext");
    }

    @Test
    void aLineFieldHasOneSpaceForEveryWhitespaceRun() {
        assertThat(TextNormalizer.normalizeLine("  Reset\u0096your \n\t password\u0000 ")).isEqualTo("Reset\u2013your password");
    }

    @Test
    void isIdempotent() {
        String messy = "\uFEFF  a\u0096b \r\n\r\n\r\n\u0007c\u00A0 \n\fd\u0301  ";
        String once = TextNormalizer.normalize(messy);
        assertThat(TextNormalizer.normalize(once)).isEqualTo(once);
    }
}
