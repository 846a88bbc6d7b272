package io.supportkb.ml.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.supportkb.ml.answer.GroundedAnswer.Status;
import io.supportkb.ml.embed.Embedder;
import io.supportkb.ml.index.TextAnalysis;

class ExtractiveAnswererTest {

    private static final String RESET = """
            # Reset your password

            If you forgot your password, open the sign-in page and choose **Forgot password**. We e-mail you a reset \
            link that stays valid for 30 minutes.

            - Check your spam folder if the e-mail does not arrive within five minutes.
            - Links can be used once.
            """;
    private static final String BILLING = "Invoices are issued on the first day of each month. You can download "
            + "them as PDF from Billing > Invoices. Refunds go back to the original payment method.";

    private static Embedder embedder;
    private static TextAnalysis analysis;
    private static ExtractiveAnswerer answerer;

    @BeforeAll
    static void load() {
        embedder = Embedder.loadDefault();
        analysis = new TextAnalysis();
        answerer = new ExtractiveAnswerer(embedder, new CitationChecker(analysis, 0.6),
                ExtractiveAnswerer.Config.defaults());
    }

    @AfterAll
    static void close() {
        embedder.close();
        analysis.close();
    }

    private static List<Passage> passages() {
        return List.of(new Passage(1, "doc-reset", "Reset your password", 0, RESET, 40),
                new Passage(2, "doc-billing", "Billing", 0, BILLING, 0));
    }

    private static AnswerRequest ask(String question) {
        return new AnswerRequest(question, null, passages(), false, null);
    }

    @Test
    void quotesTheSentencesThatAnswerAndCitesTheirExactSpans() {
        GroundedAnswer answer = answerer.answer(ask("How long is the password reset link valid?"), t -> { });

        assertThat(answer.status()).isEqualTo(Status.ANSWERED);
        assertThat(answer.text()).contains("valid for 30 minutes. [1]");
        assertThat(answer.check().passed()).isTrue();
        String document = " ".repeat(40) + RESET;
        for (AnswerSentence sentence : answer.sentences()) {
            Citation c = sentence.citations().getFirst();
            assertThat(document.substring(c.charStart(), c.charEnd())).isEqualTo(sentence.text()).isEqualTo(c.quote());
        }
    }

    @Test
    void neverQuotesAHeadingOrAListMarker() {
        GroundedAnswer answer = answerer.answer(ask("My reset e-mail never arrived"), t -> { });

        assertThat(answer.sentences()).extracting(AnswerSentence::text)
                .noneMatch(t -> t.startsWith("#") || t.startsWith("- "))
                .contains("Check your spam folder if the e-mail does not arrive within five minutes.");
    }

    @Test
    void theSameQuestionGivesTheSameAnswerTwice() {
        GroundedAnswer first = answerer.answer(ask("Where do I download invoices?"), t -> { });
        ExtractiveAnswerer fresh = new ExtractiveAnswerer(embedder, new CitationChecker(analysis, 0.6),
                ExtractiveAnswerer.Config.defaults());
        GroundedAnswer second = fresh.answer(ask("Where do I download invoices?"), t -> { });

        assertThat(second.text()).isEqualTo(first.text());
        assertThat(second.sentences()).isEqualTo(first.sentences());
    }

    @Test
    void weakRetrievalAnswersNotEnoughInformation() {
        GroundedAnswer answer = answerer.answer(new AnswerRequest("What is the boiling point of mercury?", null,
                passages(), true, "best cosine 0.52 below 0.66"), t -> { });

        assertThat(answer.status()).isEqualTo(Status.NOT_ENOUGH_INFORMATION);
        assertThat(answer.text()).isEqualTo(GroundedAnswer.NOT_ENOUGH_INFORMATION);
        assertThat(answer.reason()).contains("0.52");
    }

    @Test
    void quotesTheAgentsReplyRatherThanTheCustomersRestatementOfTheProblem() {
        String ticket = """
                ### customer (2026-03-02)

                My thermal printer feeds the labels but they come out blank.

                ### agent (2026-03-02)

                Switch the print mode from Driver (PDF) to Raw ZPL in the printer settings and print a test label.
                """;
        GroundedAnswer answer = answerer.answer(new AnswerRequest("my thermal printer prints blank labels", null,
                List.of(new Passage(1, "ticket", "Blank labels", 0, ticket, 0)), false, null), t -> { });

        assertThat(answer.sentences().getFirst().text()).startsWith("Switch the print mode");
    }

    @Test
    void streamsTheWholeAnswerOnce() {
        List<String> pieces = new ArrayList<>();
        GroundedAnswer answer = answerer.answer(ask("How do refunds work?"), pieces::add);

        assertThat(pieces).containsExactly(answer.text());
        assertThat(answer.text()).contains("[2]");
    }
}
