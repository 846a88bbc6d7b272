package io.supportkb.ml.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbedderDeterminismTest {

    private static final long SEED = 20261125L;
    private static Embedder single;

    @BeforeAll
    static void load() {
        single = Embedder.loadDefault();
    }

    @AfterAll
    static void close() {
        single.close();
    }

    private static List<String> passages() {
        Random random = new Random(SEED);
        String[] words = ("refund password login invoice billing the a to of our agent ticket crash sync error "
                + "upgrade version account email reset card payment delivery order support team hours").split(" ");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = 3 + random.nextInt(i % 3 == 0 ? 4 : 60);
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < n; w++) {
                text.append(words[random.nextInt(words.length)]).append(' ');
            }
            texts.add(text.toString().trim());
        }
        // Equal-length texts so that multi-sequence batches really happen.
        texts.add("reset my password");
        texts.add("refund my order");
        texts.add("cancel my card");
        return texts;
    }

    @Test
    void sameTextGivesBitIdenticalVectorInEveryBatchSizeAndComposition() {
        List<String> texts = passages();
        List<float[]> alone = new ArrayList<>();
        for (String text : texts) {
            alone.add(single.embedPassages(List.of(text)).get(0));
        }
        List<String> shuffled = new ArrayList<>(texts);
        Collections.shuffle(shuffled, new Random(SEED));
        try (Embedder batched = Embedder.load(ModelSource.of(ModelSource.DEFAULT),
                EmbedderConfig.defaults().withMaxBatchSize(16));
             Embedder parallel = Embedder.load(ModelSource.of(ModelSource.DEFAULT),
                EmbedderConfig.defaults().withSessions(2, 2).withMaxBatchSize(4));
             Embedder singleThreaded = Embedder.load(ModelSource.of(ModelSource.DEFAULT),
                EmbedderConfig.defaults().withSessions(2, 1))) {
            List<float[]> inBatch = batched.embedPassages(texts);
            List<float[]> inShuffledBatch = batched.embedPassages(shuffled);
            List<float[]> inParallel = parallel.embedPassages(shuffled);
            List<float[]> oneThreadPerSession = singleThreaded.embedPassages(shuffled);
            List<float[]> onOneSession = singleThreaded.embedPassagesOnOneSession(shuffled);
            for (int i = 0; i < texts.size(); i++) {
                int j = shuffled.indexOf(texts.get(i));
                assertThat(bits(inBatch.get(i))).as("batch, text %d", i).isEqualTo(bits(alone.get(i)));
                assertThat(bits(inShuffledBatch.get(j))).as("shuffled, text %d", i).isEqualTo(bits(alone.get(i)));
                assertThat(bits(inParallel.get(j))).as("parallel, text %d", i).isEqualTo(bits(alone.get(i)));
                assertThat(bits(oneThreadPerSession.get(j))).as("1 intra-op thread, text %d", i)
                        .isEqualTo(bits(alone.get(i)));
                assertThat(bits(onOneSession.get(j))).as("one session, text %d", i).isEqualTo(bits(alone.get(i)));
            }
        }
    }

    @Test
    void queriesGiveTheSameBitsOnTheQuerySessionAndOnPassageSessionsWhenItIsBusy() throws Exception {
        List<String> queries = passages().subList(0, 24);
        List<float[]> reference = new ArrayList<>();
        for (String query : queries) {
            reference.add(single.embedQuery(query));
        }
        try (Embedder split = Embedder.load(ModelSource.of(ModelSource.DEFAULT),
                EmbedderConfig.defaults().withSessions(2, 1).withQuerySession(2))) {
            assertThat(split.config().queryIntraOpThreads()).isEqualTo(2);
            // Four threads at once: some queries find the query session busy and run on a passage session.
            var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<float[]>> futures = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    for (String query : queries) {
                        futures.add(pool.submit(() -> split.embedQuery(query)));
                    }
                }
                for (int i = 0; i < futures.size(); i++) {
                    assertThat(bits(futures.get(i).get())).as("query %d", i % queries.size())
                            .isEqualTo(bits(reference.get(i % queries.size())));
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(bits(split.embedQueryAsPassage(queries.get(0))))
                    .isEqualTo(bits(single.embedPassages(List.of(queries.get(0))).get(0)));
        }
    }

    @Test
    void sameTextGivesBitIdenticalVectorOnEveryRun() {
        float[] first = single.embedQuery("how long does a refund take");
        for (int run = 0; run < 5; run++) {
            assertThat(bits(single.embedQuery("how long does a refund take"))).isEqualTo(bits(first));
        }
    }

    @Test
    void vectorsAreUnitLengthWithTheModelsDimensions() {
        float[] vector = single.embedQuery("where is my parcel");
        assertThat(vector).hasSize(384);
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void rejectsAnInputLongerThanTheModelAcceptsAndSaysWhichAndByHowMuch() {
        String huge = "refund ".repeat(600);
        assertThatThrownBy(() -> single.embedPassages(List.of("short", huge)))
                .isInstanceOf(InputTooLongException.class)
                .hasMessageContaining("input 1")
                .hasMessageContaining("at most 512");
    }

    @Test
    void truncatesToTheRealModelLimitWhenAskedNotTo128() {
        try (Embedder truncating = Embedder.load(ModelSource.of(ModelSource.DEFAULT), EmbedderConfig.defaults().withTruncate(true))) {
            String head = "billing ".repeat(200);
            float[] at300 = truncating.embedPassages(List.of(head + "refund ".repeat(100))).get(0);
            float[] at200 = truncating.embedPassages(List.of(head)).get(0);
            // Tokens past 128 and past 256 still change the vector: nothing is silently cut at 128.
            assertThat(bits(at300)).isNotEqualTo(bits(at200));
            float[] beyond = truncating.embedPassages(List.of(head + "refund ".repeat(310) + "zebra")).get(0);
            float[] atLimit = truncating.embedPassages(List.of(head + "refund ".repeat(310))).get(0);
            assertThat(bits(beyond)).isEqualTo(bits(atLimit));
        }
    }

    @Test
    void countsTokensWithoutSpecialTokensAndReportsTheContentBudget() {
        assertThat(single.countTokens("reset my password")).isEqualTo(3);
        assertThat(single.tokenStartOffsets("reset my password")).containsExactly(0, 6, 9);
        assertThat(single.maxContentTokens()).isEqualTo(510);
    }

    @Test
    void recognisesDynamicallyQuantisedGraphsWhoseVectorsWouldDependOnTheBatch() {
        byte[] fp32 = "\u0008\u0012MatMul\u001aAdd".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] int8 = "\u0008\u0012DynamicQuantizeLinear\u001aMatMulInteger".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(Embedder.isDynamicallyQuantized(fp32)).isFalse();
        assertThat(Embedder.isDynamicallyQuantized(int8)).isTrue();
    }

    static int[] bits(float[] vector) {
        int[] bits = new int[vector.length];
        for (int i = 0; i < vector.length; i++) {
            bits[i] = Float.floatToRawIntBits(vector[i]);
        }
        return bits;
    }
}
