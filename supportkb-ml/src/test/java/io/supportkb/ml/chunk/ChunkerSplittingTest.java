package io.supportkb.ml.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChunkerSplittingTest {

    private final WordTokenCounter tokens = WordTokenCounter.standard();

    private List<Chunk> chunk(String title, String text, SourceFormat format, int maxTokens, int overlap) {
        List<Chunk> chunks = new Chunker(tokens, new ChunkerConfig(maxTokens, overlap)).chunk(title, text, format);
        ChunkInvariants.assertHold(text, chunks, tokens, Math.min(maxTokens, tokens.maxContentTokens()));
        return chunks;
    }

    @Test
    void splitsALongParagraphBetweenSentencesWithWholeSentenceOverlap() {
        String text = IntStream.range(0, 40).mapToObj(i -> "Sentence number " + i + " is about topic " + i + ".")
                .reduce((a, b) -> a + " " + b).orElseThrow();

        List<Chunk> chunks = chunk(null, text, SourceFormat.MARKDOWN, 50, 10);

        assertThat(chunks).hasSizeGreaterThan(5);
        assertThat(chunks).allSatisfy(c -> assertThat(c.text()).startsWith("Sentence number").endsWith("."));
        assertThat(chunks.subList(0, chunks.size() - 1)).extracting(Chunk::tokenCount).containsOnly(48);
        for (int i = 1; i < chunks.size(); i++) {
            Chunk previous = chunks.get(i - 1);
            Chunk next = chunks.get(i);
            assertThat(next.charStart()).isLessThan(previous.charEnd());
            String shared = text.substring(next.charStart(), previous.charEnd());
            assertThat(tokens.countTokens(shared)).as("one whole 8-token sentence").isEqualTo(8);
        }
    }

    @Test
    void cutsBetweenSentencesWhenTokensCarryTheirLeadingSpace() {
        WordTokenCounter bpeLike = new WordTokenCounter(512, false, true);
        String text = "Alpha beta gamma delta. ".repeat(60);

        List<Chunk> chunks = new Chunker(bpeLike, new ChunkerConfig(30, 5)).chunk(null, text, SourceFormat.PLAIN);

        ChunkInvariants.assertHold(text, chunks, bpeLike, 30);
        assertThat(chunks).hasSizeGreaterThan(5)
                .allSatisfy(c -> assertThat(c.text()).startsWith("Alpha").endsWith("delta."));
    }

    @Test
    void splitsAWordRunWithoutSentenceBreaksAtWordStarts() {
        String text = "word ".repeat(1000).strip();

        List<Chunk> chunks = chunk("Log", text, SourceFormat.PLAIN, 64, 16);

        assertThat(chunks).allSatisfy(c -> assertThat(c.text()).matches("word( word)*"));
        for (int i = 1; i < chunks.size(); i++) {
            String shared = text.substring(chunks.get(i).charStart(), chunks.get(i - 1).charEnd());
            assertThat(tokens.countTokens(shared)).isEqualTo(16);
        }
    }

    @Test
    void splitsAnOverLongRunWithNoBreaksAtModelTokenBoundaries() {
        String text = "ab-".repeat(2_000);
        int[] tokenStarts = tokens.tokenStartOffsets(text);

        List<Chunk> chunks = chunk(null, text, SourceFormat.MARKDOWN, 32, 8);

        assertThat(chunks).hasSizeGreaterThan(100);
        assertThat(chunks).allSatisfy(c -> {
            assertThat(Arrays.binarySearch(tokenStarts, c.charStart())).isNotNegative();
            assertThat(c.tokenCount()).isLessThanOrEqualTo(32);
        });
        for (int i = 1; i < chunks.size(); i++) {
            String shared = text.substring(chunks.get(i).charStart(), chunks.get(i - 1).charEnd());
            assertThat(tokens.countTokens(shared)).isEqualTo(8);
        }
    }

    @Test
    void addsNoOverlapWhenConfiguredWithoutIt() {
        String text = "One two three. ".repeat(100);

        List<Chunk> chunks = chunk(null, text, SourceFormat.PLAIN, 20, 0);

        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).charStart()).isGreaterThanOrEqualTo(chunks.get(i - 1).charEnd());
        }
    }

    @Test
    void chunksAOneMegabyteLineInLinearTokenizerWork() {
        String text = "lorem ipsum dolor sit amet consectetur ".repeat(27_000);
        assertThat(text.length()).isGreaterThan(1_000_000);

        List<Chunk> chunks = new Chunker(tokens, ChunkerConfig.defaults()).chunk("Dump", text, SourceFormat.MARKDOWN);

        // the block once, then each chunk once (overlap makes chunks add up to a little more than the text)
        assertThat(tokens.charsTokenized()).isLessThan(5L * text.length() / 2);
        assertThat(chunks).hasSizeGreaterThan(600);
        ChunkInvariants.assertHold(text, chunks, tokens, 256);
    }

    @Test
    void callsTheTokenizerOncePerBlockAndOncePerChunk() {
        String text = "# Notes\n" + "A short note here.\n\n".repeat(5_000);

        List<Chunk> chunks = new Chunker(tokens, ChunkerConfig.defaults()).chunk("Doc", text, SourceFormat.MARKDOWN);

        assertThat(tokens.calls()).isLessThanOrEqualTo(5_000 + chunks.size() + 1);
        ChunkInvariants.assertHold(text, chunks, tokens, 256);
    }

    @Test
    void survivesHostileInput() {
        List<String> hostile = List.of(
                "#".repeat(1_000_000),
                "`".repeat(1_000_000),
                "```\n" + "x\n".repeat(100_000),
                ". ".repeat(300_000),
                "Q:".repeat(300_000),
                "- ".repeat(300_000),
                "a\n".repeat(100_000),
                "\n".repeat(100_000) + "end",
                "(".repeat(200_000) + "customer: " + ")".repeat(200_000),
                "# " + "x ".repeat(200_000));
        for (String text : hostile) {
            for (SourceFormat format : SourceFormat.values()) {
                chunk("Hostile", text, format, 128, 16);
            }
        }
    }

    @Test
    void shortensAHeadingPathThatWouldTakeMoreThanHalfTheBudget() {
        String text = "# Billing and invoices\n## Refunds\n### Card refunds\nCard refunds go back to the card in days.";

        List<Chunk> chunks = chunk("The complete administrator handbook", text, SourceFormat.MARKDOWN, 16, 0);

        assertThat(chunks).isNotEmpty().allSatisfy(c ->
                assertThat(c.headingPath()).containsExactly("The complete administrator handbook", "Card refunds"));
    }

    @Test
    void truncatesASingleHeadingLongerThanHalfTheBudget() {
        String heading = "very ".repeat(30) + "long heading";
        List<Chunk> chunks = chunk(null, "# " + heading + "\nBody text here.", SourceFormat.MARKDOWN, 16, 0);

        assertThat(chunks).allSatisfy(c -> {
            assertThat(c.headingPath()).singleElement().satisfies(entry -> assertThat(heading).startsWith(entry));
            assertThat(tokens.countTokens(c.headingPath().getFirst())).isEqualTo(8);
        });
    }

    @Test
    void keepsEveryChunkWithinTheModelLimitWhenTheConfigAllowsMore() {
        WordTokenCounter small = new WordTokenCounter(20, false);
        String text = "Alpha beta gamma. ".repeat(200);

        List<Chunk> chunks = new Chunker(small, new ChunkerConfig(256, 32)).chunk("T", text, SourceFormat.PLAIN);

        ChunkInvariants.assertHold(text, chunks, small, 20);
        assertThat(chunks).hasSizeGreaterThan(10).extracting(Chunk::tokenCount).allMatch(count -> count <= 20);
    }

    @Test
    void staysWithinTheLimitWhenTheTokenizerIsNotAdditive() {
        WordTokenCounter newlines = new WordTokenCounter(512, true);
        String text = "# Head\n" + "Short line.\n".repeat(300) + "\n\nPara.\n\n".repeat(50);

        for (int maxTokens : new int[] {3, 8, 20, 64}) {
            List<Chunk> chunks = new Chunker(newlines, new ChunkerConfig(maxTokens, maxTokens / 3))
                    .chunk("Doc", text, SourceFormat.MARKDOWN);
            ChunkInvariants.assertHold(text, chunks, newlines, maxTokens);
        }
    }

    @Test
    void keepsOffsetsExactForCrlfInput() {
        String lf = "# Title\n\nFirst paragraph.\n\n## Sub\nSecond one.\n\nSetext\n------\nThird.\n";
        String crlf = lf.replace("\n", "\r\n");

        List<Chunk> fromLf = chunk("Doc", lf, SourceFormat.MARKDOWN, 256, 32);
        List<Chunk> fromCrlf = chunk("Doc", crlf, SourceFormat.MARKDOWN, 256, 32);

        assertThat(fromCrlf).extracting(c -> c.text().replace("\r\n", "\n"))
                .containsExactlyElementsOf(fromLf.stream().map(Chunk::text).toList());
        assertThat(fromCrlf).extracting(Chunk::headingPath)
                .containsExactlyElementsOf(fromLf.stream().map(Chunk::headingPath).toList());
        assertThat(fromCrlf).allSatisfy(c -> assertThat(c.text()).doesNotEndWith("\r"));
    }

    @Test
    void keepsOffsetsExactForEmojiAndCjk() {
        String text = "# 手順 🚀\n" + "再起動してください。その後、ログインします！😀 Then try 👩‍💻 again. ".repeat(60)
                + "\n\n" + "😀".repeat(300) + "\n\n" + "日本語".repeat(200);

        for (int maxTokens : new int[] {2, 5, 16, 64}) {
            List<Chunk> chunks = chunk("ガイド", text, SourceFormat.MARKDOWN, maxTokens, maxTokens / 4);
            assertThat(chunks).isNotEmpty();
        }
        List<Chunk> chunks = chunk("ガイド", text, SourceFormat.MARKDOWN, 64, 8);
        assertThat(chunks.getFirst().headingPath()).containsExactly("ガイド", "手順 🚀");
    }

    @Test
    void splitsCjkTextAtFullWidthSentenceEnds() {
        String sentence = "再起動してください。"; // 10 tokens: 3 ideographs, 6 kana, the full stop
        String text = sentence.repeat(20);

        List<Chunk> chunks = chunk(null, text, SourceFormat.PLAIN, 35, 0);

        assertThat(chunks).hasSize(7).extracting(Chunk::text)
                .startsWith(sentence.repeat(3)).endsWith(sentence.repeat(2));
    }

    @Test
    void isDeterministicAndSafeToShareAcrossThreads() {
        Chunker chunker = new Chunker(tokens, new ChunkerConfig(40, 8));
        String text = ChunkerInvariantsTest.RandomDocument.generate(new java.util.Random(7), 200);
        List<Chunk> expected = chunker.chunk("Shared", text, SourceFormat.MARKDOWN);

        List<List<Chunk>> results = IntStream.range(0, 8).parallel()
                .mapToObj(i -> chunker.chunk("Shared", text, SourceFormat.MARKDOWN)).toList();

        assertThat(results).allSatisfy(result -> assertThat(result).isEqualTo(expected));
    }
}
