package io.supportkb.ml.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkTest {

    @Test
    void prependsTheHeadingPathToTheEmbeddingText() {
        Chunk chunk = new Chunk(0, "Body.", 10, 15, 7, List.of("Title", "Section"));

        assertThat(chunk.embeddingText()).isEqualTo("Title > Section\nBody.");
    }

    @Test
    void embedsJustTheTextWithoutAPath() {
        assertThat(new Chunk(0, "Body.", 0, 5, 2, List.of()).embeddingText()).isEqualTo("Body.");
    }

    @Test
    void rejectsOffsetsThatDoNotMatchTheText() {
        assertThatThrownBy(() -> new Chunk(0, "Body.", 0, 4, 2, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsToTwoHundredFiftySixTokensWithThirtyTwoOverlap() {
        assertThat(ChunkerConfig.defaults()).isEqualTo(new ChunkerConfig(256, 32));
    }

    @Test
    void rejectsAnOverlapThatLeavesNoRoomToAdvance() {
        assertThatThrownBy(() -> new ChunkerConfig(32, 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkerConfig(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkerConfig(32, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
