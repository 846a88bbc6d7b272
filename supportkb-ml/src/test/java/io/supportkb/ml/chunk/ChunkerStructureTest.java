package io.supportkb.ml.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerStructureTest {

    private final WordTokenCounter tokens = WordTokenCounter.standard();

    private List<Chunk> chunk(String title, String text, SourceFormat format, int maxTokens, int overlap) {
        List<Chunk> chunks = new Chunker(tokens, new ChunkerConfig(maxTokens, overlap)).chunk(title, text, format);
        ChunkInvariants.assertHold(text, chunks, tokens, Math.min(maxTokens, tokens.maxContentTokens()));
        return chunks;
    }

    private static List<String> texts(List<Chunk> chunks) {
        return chunks.stream().map(Chunk::text).toList();
    }

    @Test
    void keepsHeadingPathTitleFirstAsChunkContext() {
        String text = """
                # Billing
                Intro to billing.

                ## Refunds
                Refunds take five days.

                ### Card refunds
                Card refunds go back to the card.

                # Accounts
                Accounts are per team.
                """;

        List<Chunk> chunks = chunk("Help centre", text, SourceFormat.MARKDOWN, 256, 32);

        assertThat(texts(chunks)).containsExactly(
                "# Billing\nIntro to billing.",
                "## Refunds\nRefunds take five days.",
                "### Card refunds\nCard refunds go back to the card.",
                "# Accounts\nAccounts are per team.");
        assertThat(chunks).extracting(Chunk::headingPath).containsExactly(
                List.of("Help centre", "Billing"),
                List.of("Help centre", "Billing", "Refunds"),
                List.of("Help centre", "Billing", "Refunds", "Card refunds"),
                List.of("Help centre", "Accounts"));
        assertThat(chunks.get(2).embeddingText()).isEqualTo(
                "Help centre > Billing > Refunds > Card refunds\n### Card refunds\nCard refunds go back to the card.");
    }

    @Test
    void readsSetextHeadingsAndClosingHashes() {
        String text = "Billing\n=======\nIntro.\n\nRefunds\n-------\nFive days.\n\n## Cards ##\nBack to card.";

        List<Chunk> chunks = chunk("Guide", text, SourceFormat.MARKDOWN, 256, 32);

        assertThat(chunks).extracting(Chunk::headingPath).containsExactly(
                List.of("Guide", "Billing"), List.of("Guide", "Billing", "Refunds"),
                List.of("Guide", "Billing", "Cards"));
        assertThat(chunks.get(0).text()).isEqualTo("Billing\n=======\nIntro.");
    }

    @Test
    void keepsNestedHeadingsWithTheFirstBodyBelowThem() {
        String text = "# Setup\n## Install\nRun the installer.";

        List<Chunk> chunks = chunk(null, text, SourceFormat.MARKDOWN, 256, 32);

        assertThat(chunks).singleElement().satisfies(c -> {
            assertThat(c.text()).isEqualTo(text);
            assertThat(c.headingPath()).containsExactly("Setup", "Install");
        });
    }

    @Test
    void dropsAFirstHeadingThatRepeatsTheTitle() {
        List<Chunk> chunks = chunk("Reset password", "# Reset password\nOpen settings.", SourceFormat.MARKDOWN, 256, 32);

        assertThat(chunks.getFirst().headingPath()).containsExactly("Reset password");
    }

    @Test
    void packsSmallParagraphsUnderOneHeadingUpToTheBudget() {
        StringBuilder text = new StringBuilder("# Guide\n");
        for (int i = 0; i < 10; i++) {
            text.append("Alpha beta gamma delta.\n\n");
        }

        // path "Doc > Guide\n" costs 3; the heading plus first paragraph 7, each further paragraph 5
        List<Chunk> chunks = chunk("Doc", text.toString(), SourceFormat.MARKDOWN, 30, 0);

        assertThat(chunks).hasSize(2);
        assertThat(chunks).extracting(Chunk::tokenCount).containsExactly(30, 28);
        assertThat(chunks.get(0).text().split("\n\n")).hasSize(5);
        assertThat(chunks.get(1).text().split("\n\n")).hasSize(5).allMatch("Alpha beta gamma delta."::equals);
    }

    @Test
    void neverPacksAcrossHeadings() {
        List<Chunk> chunks = chunk("Doc", "# A\nshort.\n# B\nshort.", SourceFormat.MARKDOWN, 256, 32);

        assertThat(texts(chunks)).containsExactly("# A\nshort.", "# B\nshort.");
    }

    @Test
    void keepsAHeadingWithAnEmptySectionAsItsOwnChunk() {
        List<Chunk> chunks = chunk("Doc", "# Empty\n# Full\nBody.", SourceFormat.MARKDOWN, 256, 32);

        assertThat(texts(chunks)).containsExactly("# Empty", "# Full\nBody.");
        assertThat(chunks.getFirst().headingPath()).containsExactly("Doc", "Empty");
    }

    @Test
    void keepsListItemsWholeWhenTheyDoNotAllFit() {
        String text = """
                - Open the admin console and sign in
                - Choose the billing tab on the left
                  and scroll to invoices
                - Press export and wait for the file
                - Send the file to finance
                """;

        List<Chunk> chunks = chunk(null, text, SourceFormat.MARKDOWN, 16, 4);

        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.text()).startsWith("- ");
            assertThat(text.substring(c.charEnd())).matches("(?s)\\s*(- .*)?");
        });
        assertThat(texts(chunks)).contains("- Choose the billing tab on the left\n  and scroll to invoices");
    }

    @Test
    void ignoresHeadingsInsideCodeFences() {
        String text = "# Deploy\n```bash\n# not a heading\nmake deploy\n```\nDone.";

        List<Chunk> chunks = chunk("Doc", text, SourceFormat.MARKDOWN, 256, 32);

        assertThat(chunks).singleElement().satisfies(c -> {
            assertThat(c.text()).isEqualTo(text);
            assertThat(c.headingPath()).containsExactly("Doc", "Deploy");
        });
    }

    @Test
    void plainTextInterpretsNoMarkup() {
        List<Chunk> chunks = chunk("Doc", "# not a heading\nbody\n\n- not a list", SourceFormat.PLAIN, 256, 32);

        assertThat(chunks).singleElement().satisfies(c -> assertThat(c.headingPath()).containsExactly("Doc"));
    }

    @Test
    void keepsFaqQuestionWithItsAnswer() {
        String text = """
                Q: How do I reset my password?
                A: Open Settings, choose Security and press Reset.

                Q: Can I change my email?
                A: Yes.

                It takes a day to confirm.
                """;

        List<Chunk> chunks = chunk("FAQ", text, SourceFormat.FAQ, 256, 32);

        assertThat(texts(chunks)).containsExactly(
                "Q: How do I reset my password?\nA: Open Settings, choose Security and press Reset.",
                "Q: Can I change my email?\nA: Yes.\n\nIt takes a day to confirm.");
        assertThat(chunks).allSatisfy(c -> assertThat(c.headingPath()).containsExactly("FAQ"));
    }

    @Test
    void keepsFaqHeadingQuestionWithItsAnswerAndInThePath() {
        String text = """
                # Data
                ## How do I export data?
                Use the Export button.

                Exports are CSV files.

                ## Is there an API?
                Yes, a REST API.
                """;

        List<Chunk> chunks = chunk("FAQ", text, SourceFormat.FAQ, 256, 32);

        assertThat(texts(chunks)).containsExactly(
                "# Data\n## How do I export data?\nUse the Export button.\n\nExports are CSV files.",
                "## Is there an API?\nYes, a REST API.");
        assertThat(chunks.get(1).headingPath()).containsExactly("FAQ", "Data", "Is there an API?");
    }

    @Test
    void splitsAnOverlongFaqAnswerButStartsWithTheQuestion() {
        String answer = "Restart the router and wait a minute. ".repeat(20);
        String text = "Q: Why is the wifi slow?\nA: " + answer;

        List<Chunk> chunks = chunk(null, text, SourceFormat.FAQ, 40, 8);

        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(chunks.getFirst().text()).startsWith("Q: Why is the wifi slow?\nA: Restart");
    }

    private static final String TICKET = """
            # Printer shows error 42

            ### customer (2024-01-02T10:00:00Z)
            My office printer shows error 42 every morning. Restarting does not help.

            ### agent (2024-01-02T10:05:00Z)
            Please update the firmware to version 3 and restart the printer twice.

            ### customer (2024-01-02T11:00:00Z)
            That fixed it, thanks!
            """;

    @Test
    void keepsEachTicketMessageWholeWhenItFits() {
        // the path costs 7 tokens, leaving 37: each message fits alone (34, 28 and 21 tokens), no two together
        List<Chunk> chunks = chunk("Ticket 7", TICKET, SourceFormat.TICKET, 44, 8);

        assertThat(texts(chunks)).containsExactly(
                "# Printer shows error 42\n\n### customer (2024-01-02T10:00:00Z)\n"
                        + "My office printer shows error 42 every morning. Restarting does not help.",
                "### agent (2024-01-02T10:05:00Z)\n"
                        + "Please update the firmware to version 3 and restart the printer twice.",
                "### customer (2024-01-02T11:00:00Z)\nThat fixed it, thanks!");
        assertThat(chunks).allSatisfy(c ->
                assertThat(c.headingPath()).containsExactly("Ticket 7", "Printer shows error 42"));
    }

    @Test
    void packsShortTicketMessagesUnderTheSameSubject() {
        List<Chunk> chunks = chunk("Ticket 7", TICKET, SourceFormat.TICKET, 256, 32);

        assertThat(chunks).singleElement().satisfies(c -> assertThat(c.text()).isEqualTo(TICKET.strip()));
    }

    @Test
    void neverPacksTicketMessagesAcrossSubjects() {
        String text = """
                # Login fails
                customer: I cannot log in.
                agent: Reset your password.
                # Invoice missing
                customer: Where is my invoice?
                Agent (Sam): It is in Billing.
                """;

        List<Chunk> chunks = chunk("Inbox", text, SourceFormat.TICKET, 256, 32);

        assertThat(texts(chunks)).containsExactly(
                "# Login fails\ncustomer: I cannot log in.\nagent: Reset your password.",
                "# Invoice missing\ncustomer: Where is my invoice?\nAgent (Sam): It is in Billing.");
        assertThat(chunks).extracting(Chunk::headingPath).containsExactly(
                List.of("Inbox", "Login fails"), List.of("Inbox", "Invoice missing"));
    }

    @Test
    void keepsRolePrefixedMessagesWholeWhenTheyDoNotAllFit() {
        String text = """
                customer: My export is empty.
                It has headers only.
                agent: Which date range did you pick?
                customer: Last week.
                """;

        List<Chunk> chunks = chunk(null, text, SourceFormat.TICKET, 12, 2);

        assertThat(texts(chunks)).containsExactly(
                "customer: My export is empty.\nIt has headers only.",
                "agent: Which date range did you pick?",
                "customer: Last week.");
    }

    @Test
    void returnsNoChunksForEmptyOrWhitespaceOnlyText() {
        Chunker chunker = new Chunker(tokens, ChunkerConfig.defaults());

        for (String text : List.of("", "   ", "\n\n\r\n\t ", "\n".repeat(100_000))) {
            for (SourceFormat format : SourceFormat.values()) {
                assertThat(chunker.chunk("Title", text, format)).isEmpty();
            }
        }
    }

    @Test
    void treatsNullOrBlankTitleAsNoContext() {
        Chunker chunker = new Chunker(tokens, ChunkerConfig.defaults());

        for (String title : new String[] {null, "", "  \n"}) {
            Chunk only = chunker.chunk(title, "Just text.", SourceFormat.PLAIN).getFirst();
            assertThat(only.headingPath()).isEmpty();
            assertThat(only.embeddingText()).isEqualTo("Just text.");
            assertThat(only.tokenCount()).isEqualTo(3);
        }
    }

    @Test
    void normalisesWhitespaceInTheTitle() {
        Chunk only = new Chunker(tokens, ChunkerConfig.defaults()).chunk(" Line\none\t ", "Body.", SourceFormat.PLAIN).getFirst();

        assertThat(only.headingPath()).containsExactly("Line one");
        assertThat(only.embeddingText()).isEqualTo("Line one\nBody.");
    }
}
