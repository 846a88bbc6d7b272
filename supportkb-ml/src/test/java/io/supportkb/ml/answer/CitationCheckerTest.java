package io.supportkb.ml.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.supportkb.ml.index.TextAnalysis;

class CitationCheckerTest {

    private static final TextAnalysis ANALYSIS = new TextAnalysis();
    private static final CitationChecker CHECKER = new CitationChecker(ANALYSIS, 0.6);
    private static final List<Passage> PASSAGES = List.of(
            new Passage(1, "a", null, 0, "Orders ship within two days. Tracking numbers arrive by e-mail.", 10),
            new Passage(2, "b", null, 0, "Returns are accepted for 30 days after delivery.", 0));

    @AfterAll
    static void close() {
        ANALYSIS.close();
    }

    @Test
    void readsMarkersAfterTheFullStopAsCitationsOfTheSentenceBefore() {
        CitationChecker.Checked checked = CHECKER.check("Orders are shipped within two days. [1] Returns are accepted "
                + "for 30 days [2].", PASSAGES);

        assertThat(checked.sentences()).hasSize(2);
        assertThat(checked.sentences().get(0).cited()).containsExactly(1);
        assertThat(checked.sentences().get(0).citations().getFirst().charStart()).isEqualTo(10);
        assertThat(checked.sentences().get(1).cited()).containsExactly(2);
        assertThat(checked.check().passed()).isTrue();
    }

    @Test
    void aSentenceWithoutCitationIsUnsupported() {
        CitationChecker.Checked checked = CHECKER.check("Orders ship within two days.", PASSAGES);

        assertThat(checked.check().passed()).isFalse();
        assertThat(checked.sentences().getFirst().supported()).isFalse();
    }

    @Test
    void citingTheWrongPassageIsUnsupportedAndANonexistentOneIsInvalid() {
        CitationChecker.Checked checked = CHECKER.check("Returns are accepted for 30 days [1]. Shipping is free [1, 5].",
                PASSAGES);

        assertThat(checked.sentences()).extracting(AnswerSentence::supported).containsExactly(false, false);
        assertThat(checked.check().invalidCitations()).containsExactly(5);
    }

    @Test
    void hostileMarkersDoNotBreakTheCheck() {
        CitationChecker.Checked checked = CHECKER.check("[99999999999999] [" + "1,".repeat(5000) + "] text [1].",
                PASSAGES);

        assertThat(checked.check().passed()).isFalse();
    }
}
