package io.supportkb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.supportkb.ml.chunk.TextNormalizer;


class BenchCorpusTest {

    private static final String[] PIECES = {"a", "Caf", "e\u0301", "\u00e9", " ", "  ", "\t", "\n", "\r\n", "\r",
            "\u0000", "\u0007", "\u00a0", "\uFEFF", "word.", "# Heading", "- item"};

    @Test
    void sendsTextTheServerStoresUnchanged() {
        Random random = new Random(20261125L);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "\uFEFF" : "");
            for (int i = random.nextInt(30); i > 0; i--) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String canonical = BenchCorpus.canonical(text.toString());
            String normalized = TextNormalizer.normalize(text.toString());
            assertThat(TextNormalizer.normalize(canonical)).as("text %d", n).isEqualTo(canonical);
            if (TextNormalizer.normalize(normalized).equals(normalized)) {
                assertThat(canonical).as("text %d", n).isEqualTo(normalized);
            }
        }
    }

    @Test
    void readsTheHeadOfABeirCorpusAfterSkippingTheMeasuredDocuments(@TempDir Path dataset) throws Exception {
        Files.writeString(dataset.resolve("corpus.jsonl"), """
                {"_id": "1", "title": "First  title", "text": "One.\\r\\nTwo."}

                {"_id": "2", "title": "", "text": "Second."}
                {"_id": "3", "title": "Third", "text": "Third."}
                """);

        assertThat(BenchCorpus.beir(dataset, 0, 2)).containsExactly(
                new BenchDocument("beir-1", "First title", "One.\nTwo.", "article"),
                new BenchDocument("beir-2", "", "Second.", "article"));
        assertThat(BenchCorpus.beir(dataset, 2, 5)).extracting(BenchDocument::externalId).isEqualTo(List.of("beir-3"));
    }

    @Test
    void readsTheDemoKnowledgeBaseAsArticlesFaqRunbooksAndRenderedTickets(@TempDir Path demo) throws Exception {
        Files.createDirectories(demo.resolve("articles"));
        Files.createDirectories(demo.resolve("runbooks"));
        Files.writeString(demo.resolve("articles/b.md"), "# Refunds\r\n\r\nWithin 30 days.  \n");
        Files.writeString(demo.resolve("articles/a.html"),
                "<html><body><h1>Printing</h1><p>Use A6 labels.</p></body></html>");
        Files.writeString(demo.resolve("faq.md"), "# FAQ\n\n## Is there a trial?\n\nYes.");
        Files.writeString(demo.resolve("runbooks/r.md"), "# Outage\n\nPage the on-call.");
        Files.writeString(demo.resolve("tickets.jsonl"), """
                {"externalId": "T-1", "subject": "Card?", "messages": [{"role": "customer", "body": "Need a card?"}, \
                {"role": "agent", "body": "No."}], "resolution": "Explained the trial."}
                """);

        List<BenchDocument> docs = BenchCorpus.demo(demo, 100);

        assertThat(docs).extracting(BenchDocument::externalId)
                .containsExactly("articles/a.html", "articles/b.md", "faq.md", "runbooks/r.md", "T-1");
        assertThat(docs).extracting(BenchDocument::kind)
                .containsExactly("article", "article", "faq", "runbook", "ticket");
        assertThat(docs.get(0).text()).contains("Printing").contains("Use A6 labels.");
        assertThat(docs.get(1))
                .isEqualTo(new BenchDocument("articles/b.md", "Refunds", "# Refunds\n\nWithin 30 days.", "article"));
        assertThat(docs.get(4).text()).isEqualTo(
                "### customer\n\nNeed a card?\n\n### agent\n\nNo.\n\n### resolution\n\nExplained the trial.");
        assertThat(BenchCorpus.demo(demo, 2)).hasSize(2);
    }

    @Test
    void editsADocumentByAppendingOneSentenceToItsLastParagraph() {
        BenchDocument doc = new BenchDocument("x", "T", "First.\n\nLast paragraph.", "faq");

        assertThat(doc.withAppendedSentence("More.").text()).isEqualTo("First.\n\nLast paragraph. More.");
        assertThat(doc.toJsonLine()).isEqualTo(
                "{\"externalId\":\"x\",\"title\":\"T\",\"text\":\"First.\\n\\nLast paragraph.\",\"kind\":\"faq\"}");
    }
}
