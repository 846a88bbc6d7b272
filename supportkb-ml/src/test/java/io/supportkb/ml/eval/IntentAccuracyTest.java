package io.supportkb.ml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntentAccuracyTest {

    private static final Map<String, String> INTENTS = Map.of(
            "c1", "card_arrival", "c2", "card_arrival", "c3", "card_arrival",
            "t1", "top_up", "t2", "top_up",
            "p1", "pin_blocked");

    private static Query query(String id, String intent) {
        return new Query(id, "text of " + id, Map.of("intent", intent));
    }

    @Test
    void countsTopOneAndTopFiveMajorityByHand() {
        var queries = List.of(query("q1", "card_arrival"), query("q2", "card_arrival"), query("q3", "top_up"),
                query("q4", "pin_blocked"));
        var rankings = Map.of(
                "q1", List.of("c1", "t1", "c2", "t2", "p1"),   // top-1 ✓; votes card 2, top 2, pin 1 -> card ✓
                "q2", List.of("t1", "c1", "c2", "t2", "c3"),   // top-1 ✗; votes card 3 -> card ✓
                "q3", List.of("t1", "c1", "c2", "c3", "t2"),   // top-1 ✓; votes card 3, top 2 -> card ✗
                "q4", List.of("c1"));                          // top-1 ✗; votes card 1 -> ✗
        var accuracy = IntentAccuracy.evaluate(queries, rankings, INTENTS);
        // top-1: q1, q3 -> 2/4; majority: q1, q2 -> 2/4
        assertThat(accuracy).isEqualTo(new IntentAccuracy(4, 2, 2));
        assertThat(accuracy.top1()).isEqualTo(0.5);
        assertThat(accuracy.top5Majority()).isEqualTo(0.5);
        assertThat(accuracy.asMetrics()).containsExactly(
                Map.entry(IntentAccuracy.TOP1_NAME, 0.5), Map.entry(IntentAccuracy.MAJORITY_NAME, 0.5));
    }

    @Test
    void majorityTieGoesToTheTiedIntentRankedHighest() {
        // b and a both have 2 votes; b first appears at rank 1, a at rank 2 -> b
        assertThat(IntentAccuracy.majorityIntent(List.of("b", "a", "a", "b", "c"))).contains("b");
        // a and b tied at 2, c (rank 1) has fewer votes: a (first at rank 2) beats b (rank 3)
        assertThat(IntentAccuracy.majorityIntent(List.of("c", "a", "b", "a", "b"))).contains("a");
        // a clear majority wins even from lower ranks
        assertThat(IntentAccuracy.majorityIntent(List.of("c", "a", "a", "a", "b"))).contains("a");
    }

    @Test
    void onlyTheTopFiveVote() {
        // top 5: card, top, top, pin, card -> top (2) ties card (2); card is ranked first -> card.
        // The 6th and 7th documents (top_up) would tip the vote to top_up if they counted.
        var rankings = Map.of("q", List.of("c1", "t1", "t2", "p1", "c2", "t3", "t4"));
        var intents = new java.util.HashMap<>(INTENTS);
        intents.put("t3", "top_up");
        intents.put("t4", "top_up");
        var accuracy = IntentAccuracy.evaluate(List.of(query("q", "card_arrival")), rankings, intents);
        assertThat(accuracy.top5MajorityCorrect()).isEqualTo(1);
    }

    @Test
    void queryWithoutResultsCountsAsWrong() {
        var accuracy = IntentAccuracy.evaluate(List.of(query("q1", "top_up"), query("q2", "top_up")),
                Map.of("q1", List.of("t1")), INTENTS);
        assertThat(accuracy).isEqualTo(new IntentAccuracy(2, 1, 1));
    }

    @Test
    void documentsWithoutIntentDoNotVote() {
        // unknown docs u1, u2 have no intent: the only vote is top_up
        assertThat(IntentAccuracy.majorityIntent(Arrays.asList(null, null, "top_up"))).contains("top_up");
        assertThat(IntentAccuracy.majorityIntent(Arrays.asList((String) null))).isEmpty();
        var accuracy = IntentAccuracy.evaluate(List.of(query("q", "top_up")), Map.of("q", List.of("u1", "t1")),
                INTENTS);
        assertThat(accuracy).isEqualTo(new IntentAccuracy(1, 0, 1));
    }

    @Test
    void rejectsAQueryWithoutIntent() {
        var query = new Query("q9", "text", Map.of());
        assertThatThrownBy(() -> IntentAccuracy.evaluate(List.of(query), Map.of(), INTENTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("q9");
    }

    @Test
    void noQueriesGiveZeroRatherThanNaN() {
        var accuracy = IntentAccuracy.evaluate(List.of(), Map.of(), INTENTS);
        assertThat(accuracy.top1()).isZero();
        assertThat(accuracy.top5Majority()).isZero();
    }

    @Test
    void mapsCorpusDocumentsToTheirIntent() {
        var corpus = List.of(new CorpusDoc("c1", "", "a", Map.of("intent", "card_arrival")),
                new CorpusDoc("x", "", "b", Map.of()));
        assertThat(IntentAccuracy.intentsByDocId(corpus)).containsExactly(Map.entry("c1", "card_arrival"));
    }
}
