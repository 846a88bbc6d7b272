package io.supportkb.ml.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DialogueSyntaxTest {

    private static boolean question(String line) {
        return DialogueSyntax.isQuestion(line, 0, line.length());
    }

    private static boolean roleLine(String line) {
        return DialogueSyntax.isRoleLine(line, 0, line.length());
    }

    @Test
    void recognisesFaqQuestionLines() {
        assertThat(question("Q: How?")).isTrue();
        assertThat(question("q1. How?")).isTrue();
        assertThat(question("Question: How?")).isTrue();
        assertThat(question("**Q:** How?")).isTrue();
        assertThat(question("Q12) How?")).isTrue();
    }

    @Test
    void rejectsLinesThatOnlyStartWithQ() {
        assertThat(question("Quick tip: restart")).isFalse();
        assertThat(question("Questions about billing")).isFalse();
        assertThat(question("Q.E.D. is Latin")).isFalse();
        assertThat(question("A: an answer")).isFalse();
    }

    @Test
    void recognisesRolePrefixedTicketLines() {
        assertThat(roleLine("agent: hello")).isTrue();
        assertThat(roleLine("Customer (Jane): hi")).isTrue();
        assertThat(roleLine("**Agent**: hi")).isTrue();
        assertThat(roleLine("users: many")).isFalse();
        assertThat(roleLine("customer service: call us")).isFalse();
        assertThat(roleLine("Note: read this")).isFalse();
        assertThat(roleLine("customer (" + "x".repeat(1000) + "): long")).isFalse();
    }

    @Test
    void tellsMessageHeadersFromSubjectHeadings() {
        assertThat(DialogueSyntax.isMessageHeader("customer (2024-01-02T10:00:00Z)")).isTrue();
        assertThat(DialogueSyntax.isMessageHeader("Agent")).isTrue();
        assertThat(DialogueSyntax.isMessageHeader("Agent Sam (internal)")).isTrue();
        assertThat(DialogueSyntax.isMessageHeader("Jane Doe (2024-01-02 10:00)")).isTrue();
        assertThat(DialogueSyntax.isMessageHeader("Jane (9:30)")).isTrue();
        assertThat(DialogueSyntax.isMessageHeader("Printer broken (urgent)")).isFalse();
        assertThat(DialogueSyntax.isMessageHeader("Printer broken (error 42)")).isFalse();
        assertThat(DialogueSyntax.isMessageHeader("Billing")).isFalse();
    }
}
