package io.supportkb.ml.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

    private static SentenceSplitter.Boundaries scan(String text) {
        return SentenceSplitter.scan(text, 0, text.length(), true);
    }

    @Test
    void startsASentenceAfterATerminatorAndWhitespace() {
        String text = "One. Two! Three?\" Four";

        assertThat(scan(text).sentences()).containsExactly(
                text.indexOf("Two"), text.indexOf("Three"), text.indexOf("Four"));
    }

    @Test
    void doesNotEndSentencesAtAbbreviationsInitialsOrListNumbers() {
        String text = "See e.g. the docs. Ask J. Smith. Use approx. ten.\n1. First item";

        assertThat(scan(text).sentences()).containsExactly(
                text.indexOf("Ask"), text.indexOf("Use"), text.indexOf("1."));
    }

    @Test
    void endsCjkSentencesWithoutSpaces() {
        String text = "第一。第二！第三";

        assertThat(scan(text).sentences()).containsExactly(text.indexOf("第二"), text.indexOf("第三"));
    }

    @Test
    void ranksParagraphsOverSentencesOverLines() {
        String text = "a\nb.\r\nc\n \nd";

        SentenceSplitter.Boundaries boundaries = scan(text);

        assertThat(boundaries.lines()).containsExactly(text.indexOf('b'), text.indexOf('c'), text.indexOf('d'));
        assertThat(boundaries.sentences()).containsExactly(text.indexOf('c'), text.indexOf('d'));
        assertThat(boundaries.paragraphs()).containsExactly(text.indexOf('d'));
    }

    @Test
    void splitsCodeByLinesOnly() {
        String text = "x = a. Y\nz";

        SentenceSplitter.Boundaries boundaries = SentenceSplitter.scan(text, 0, text.length(), false);

        assertThat(boundaries.sentences()).isEmpty();
        assertThat(boundaries.lines()).containsExactly(text.indexOf('z'));
    }
}
