package io.supportkb.ml.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeadingContextTest {

    private final WordTokenCounter tokens = WordTokenCounter.standard();

    @Test
    void keepsAPathThatFitsHalfTheBudget() {
        HeadingContext context = HeadingContext.fit(List.of("Guide", "Billing", "Refunds"), tokens, 10);

        assertThat(context.path()).containsExactly("Guide", "Billing", "Refunds");
        assertThat(context.tokens()).isEqualTo(5);
    }

    @Test
    void dropsIntermediateHeadingsFirstThenTheTitle() {
        List<String> path = List.of("Title", "A", "B", "C");

        assertThat(HeadingContext.fit(path, tokens, 10).path()).containsExactly("Title", "B", "C");
        assertThat(HeadingContext.fit(path, tokens, 6).path()).containsExactly("Title", "C");
        assertThat(HeadingContext.fit(path, tokens, 2).path()).containsExactly("C");
        assertThat(HeadingContext.fit(path, tokens, 1)).isEqualTo(HeadingContext.NONE);
    }

    @Test
    void keepsTheLeadingTokensOfASingleOverlongEntry() {
        HeadingContext context = HeadingContext.fit(List.of("one two three four five six"), tokens, 6);

        assertThat(context).isEqualTo(new HeadingContext(List.of("one two three"), 3));
    }

    @Test
    void normalisesEntriesToOneLineOfBoundedLength() {
        assertThat(HeadingContext.entry("  Reset\n\tyour   password ")).isEqualTo("Reset your password");
        assertThat(HeadingContext.entry("x".repeat(10_000))).hasSize(HeadingContext.MAX_ENTRY_CHARS);
        assertThat(HeadingContext.entry("a".repeat(HeadingContext.MAX_ENTRY_CHARS - 1) + "😀"))
                .hasSize(HeadingContext.MAX_ENTRY_CHARS - 1);
    }
}
