package io.supportkb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

class EmbedCallsTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final ObservationRegistry registry = ObservationRegistry.create();
    private final EmbedCalls calls = new EmbedCalls(now::get);

    EmbedCallsTest() {
        registry.observationConfig().observationHandler(calls);
    }

    @Test
    void countsOverlappingModelCallsOnceInTheBusyTime() {
        Observation first = embed(3).start();       // t = 1000
        now.addAndGet(100);
        Observation second = embed(2).start();      // t = 1100, waits for the session while the first runs
        now.addAndGet(100);
        first.stop();                               // t = 1200
        now.addAndGet(300);
        second.stop();                              // t = 1500
        now.addAndGet(500);
        Observation third = embed(1).start();       // t = 2000, after an idle gap
        now.addAndGet(50);
        third.stop();                               // t = 2050

        EmbedCalls.Summary summary = calls.between(900, 2100);

        assertThat(summary.calls()).isEqualTo(3);
        assertThat(summary.chunks()).isEqualTo(6);
        assertThat(summary.busyNanos()).isEqualTo(500 + 50);
        assertThat(summary.headNanos()).isEqualTo(100);
        assertThat(summary.tailNanos()).isEqualTo(50);
    }

    @Test
    void leavesOutCallsOutsideTheWindowAndOtherObservations() {
        embed(4).start().stop();
        now.addAndGet(10);
        Observation.createNotStarted("supportkb.indexing.chunk", registry).start().stop();
        long from = now.addAndGet(10);
        embed(2).start().stop();

        assertThat(calls.between(from, now.get() + 1).chunks()).isEqualTo(2);
        assertThat(calls.between(now.get() + 5, now.get() + 10)).isEqualTo(new EmbedCalls.Summary(0, 0, 0, 5, 0));
    }

    private Observation embed(int chunks) {
        return Observation.createNotStarted(EmbedCalls.OBSERVATION, registry)
                .lowCardinalityKeyValue("model", "test-model")
                .highCardinalityKeyValue("chunks", String.valueOf(chunks));
    }
}
