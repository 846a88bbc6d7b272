package io.supportkb.ml.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecallTest {

    @Test
    void countsTrueNeighboursAmongTheFirstKResultsWhateverTheirOrder() {
        int[] exact = {1, 2, 3, 4};
        assertThat(Recall.atK(exact, new int[] {4, 3, 2, 1}, 4)).isEqualTo(1.0);
        assertThat(Recall.atK(exact, new int[] {1, 9, 3, 8}, 4)).isEqualTo(0.5);
        // a true neighbour ranked beyond k does not count
        assertThat(Recall.atK(exact, new int[] {9, 8, 7, 6, 1}, 4)).isEqualTo(0.0);
    }

    @Test
    void aShortResultListFindsFewerNeighbours() {
        assertThat(Recall.atK(new int[] {1, 2, 3, 4}, new int[] {2}, 4)).isEqualTo(0.25);
        assertThat(Recall.atK(new int[] {1, 2, 3, 4}, new int[0], 4)).isEqualTo(0.0);
    }

    @Test
    void onlyTheFirstKExactNeighboursAreTheTruth() {
        assertThat(Recall.atK(new int[] {1, 2, 3}, new int[] {1, 3}, 2)).isEqualTo(0.5);
    }

    @Test
    void meanRecallAveragesOverQueries() {
        double mean = Recall.meanAtK(List.of(new int[] {1, 2}, new int[] {3, 4}), List.of(new int[] {1, 2}, new int[] {3, 9}), 2);
        assertThat(mean).isEqualTo(0.75);
        assertThatThrownBy(() -> Recall.meanAtK(List.of(new int[] {1}), List.of(), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Recall.atK(new int[] {1}, new int[] {1}, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
