package io.supportkb.ml.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Randomized: the {@link Chunker} contract holds on several hundred generated documents (fixed seed). */
class ChunkerInvariantsTest {

    private static final long SEED = 0x5EEDC4A7L;
    private static final int DOCUMENTS = 600;
    private static final int[] MAX_TOKENS = {1, 2, 3, 5, 8, 13, 21, 40, 64, 128, 256};

    @Test
    void keepsOffsetsCoverageAndTokenLimitOnRandomDocuments() {
        Random random = new Random(SEED);
        for (int doc = 0; doc < DOCUMENTS; doc++) {
            String text = RandomDocument.generate(random, 1 + random.nextInt(60));
            SourceFormat format = SourceFormat.values()[random.nextInt(SourceFormat.values().length)];
            String title = switch (random.nextInt(4)) {
                case 0 -> null;
                case 1 -> " ";
                case 2 -> "Doc " + doc;
                default -> RandomDocument.sentence(random, 3 + random.nextInt(40));
            };
            int maxTokens = MAX_TOKENS[random.nextInt(MAX_TOKENS.length)];
            int overlap = random.nextInt(maxTokens);
            WordTokenCounter counter = new WordTokenCounter(
                    random.nextInt(4) == 0 ? 30 : 512, random.nextBoolean(), random.nextBoolean());
            Chunker chunker = new Chunker(counter, new ChunkerConfig(maxTokens, overlap));
            String context = "doc " + doc + " format " + format + " maxTokens " + maxTokens + " overlap " + overlap;

            List<Chunk> chunks = chunker.chunk(title, text, format);

            try {
                ChunkInvariants.assertHold(text, chunks, counter, Math.min(maxTokens, counter.maxContentTokens()));
            } catch (AssertionError e) {
                throw new AssertionError(context + ": " + e.getMessage(), e);
            }
            assertThat(chunker.chunk(title, text, format)).as("deterministic, " + context).isEqualTo(chunks);
            assertThat(chunks.isEmpty()).as(context).isEqualTo(text.isBlank());
        }
    }

    /** Generates support-like documents full of the structure, and the mistakes, the chunker must survive. */
    static final class RandomDocument {

        private static final String[] WORDS = {"printer", "the", "reset", "Account", "billing", "e.g.", "API",
                "v2.1", "approx.", "J.", "error", "42", "😀", "日本語", "ログイン", "naïve", "x", "I", "café",
                "don't", "--force", "https://example.com/a?b=c", "#tag", "Q:", "agent:", "```", "-", "1."};
        private static final String[] LINE_BREAKS = {"\n", "\n", "\n", "\r\n", "\r"};
        private static final String[] BLANKS = {"", " ", "\t", "  \t ", "\u00A0", "\u3000"};

        private RandomDocument() {}

        static String generate(Random random, int parts) {
            StringBuilder out = new StringBuilder();
            String br = LINE_BREAKS[random.nextInt(LINE_BREAKS.length)];
            for (int i = 0; i < parts; i++) {
                if (random.nextInt(8) == 0) {
                    br = LINE_BREAKS[random.nextInt(LINE_BREAKS.length)];
                }
                out.append(part(random, br));
                int blankLines = random.nextInt(3);
                for (int b = 0; b < blankLines; b++) {
                    out.append(br).append(BLANKS[random.nextInt(BLANKS.length)]);
                }
                out.append(br);
            }
            return out.toString();
        }

        static String sentence(Random random, int words) {
            StringBuilder s = new StringBuilder();
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    s.append(random.nextInt(20) == 0 ? "  " : " ");
                }
                s.append(WORDS[random.nextInt(WORDS.length)]);
            }
            return s.append(".!?。…".charAt(random.nextInt(5))).toString();
        }

        private static String paragraph(Random random, String br) {
            StringBuilder p = new StringBuilder();
            int sentences = 1 + random.nextInt(8);
            for (int s = 0; s < sentences; s++) {
                p.append(sentence(random, 1 + random.nextInt(25)));
                p.append(random.nextInt(5) == 0 ? br : " ");
            }
            return p.toString();
        }

        private static String part(Random random, String br) {
            return switch (random.nextInt(14)) {
                case 0 -> "#".repeat(1 + random.nextInt(7)) + " " + sentence(random, random.nextInt(6))
                        + (random.nextBoolean() ? " ##" : "");
                case 1 -> sentence(random, 1 + random.nextInt(5)) + br + (random.nextBoolean() ? "====" : "---");
                case 2 -> "- " + sentence(random, 1 + random.nextInt(12)) + br + "  " + sentence(random, 3);
                case 3 -> (1 + random.nextInt(20)) + ". " + sentence(random, 1 + random.nextInt(12));
                case 4 -> "```" + br + "code " + "x = y;".repeat(random.nextInt(30)) + br + "# comment"
                        + (random.nextBoolean() ? br + "```" : "");
                case 5 -> "Q: " + sentence(random, 3 + random.nextInt(8)) + "?" + br + "A: " + paragraph(random, br);
                case 6 -> "## " + sentence(random, 2 + random.nextInt(5)) + "?" + br + paragraph(random, br);
                case 7 -> "### " + (random.nextBoolean() ? "customer" : "Jane Doe") + " (2024-01-0"
                        + (1 + random.nextInt(9)) + "T10:00:00Z)" + br + paragraph(random, br);
                case 8 -> (random.nextBoolean() ? "agent: " : "Customer (Sam): ") + paragraph(random, br);
                case 9 -> "ab-".repeat(random.nextInt(400));
                case 10 -> "word ".repeat(random.nextInt(300));
                case 11 -> "😀🚀👩‍💻".repeat(random.nextInt(40)) + "再起動してください。".repeat(random.nextInt(20));
                case 12 -> String.valueOf((char) (0xD800 + random.nextInt(0x400))) + "lone surrogate";
                default -> paragraph(random, br);
            };
        }
    }
}
