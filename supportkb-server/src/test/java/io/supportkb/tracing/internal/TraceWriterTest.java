package io.supportkb.tracing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.supportkb.search.CacheOutcome;
import io.supportkb.search.QueryFilters;
import io.supportkb.search.QueryMode;
import io.supportkb.search.StageTimings;
import io.supportkb.shared.UuidV7;
import io.supportkb.tracing.QueryTrace;
import io.supportkb.tracing.TraceParams;

class TraceWriterTest {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final List<List<QueryTrace>> batches = new CopyOnWriteArrayList<>();
    final List<String> poison = Collections.synchronizedList(new ArrayList<>());
    TraceWriter writer;

    final TraceWriter.Sink sink = batch -> {
        if (batch.stream().anyMatch(t -> poison.contains(t.id()))) {
            throw new IllegalStateException("constraint violated");
        }
        batches.add(List.copyOf(batch));
    };

    TraceWriter writer(int capacity, int batchSize, Duration flushInterval) {
        writer = new TraceWriter(sink, capacity, batchSize, flushInterval, Duration.ofSeconds(5), meters,
                ObservationRegistry.NOOP);
        return writer;
    }

    @AfterEach
    void stop() {
        if (writer != null) {
            writer.stop();
        }
    }

    static QueryTrace trace() {
        return new QueryTrace(UuidV7.next(), Instant.now(), "c", "anonymous", "q",
                new TraceParams(5, QueryMode.HYBRID, 1, QueryFilters.none(), false), CacheOutcome.MISS, "m", 1,
                new StageTimings(0, 0, null, null, null, 1), 1, false, null, List.of(), null);
    }

    int written() {
        return batches.stream().mapToInt(List::size).sum();
    }

    @Test
    void writesAFullBatchWithoutWaitingForTheInterval() {
        TraceWriter w = writer(100, 3, Duration.ofHours(1));
        w.start();
        for (int i = 0; i < 3; i++) {
            w.submit(trace());
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> written() == 3);
        assertThat(batches).singleElement().satisfies(b -> assertThat(b).hasSize(3));
    }

    @Test
    void writesWhateverArrivedWithinTheFlushInterval() {
        TraceWriter w = writer(100, 1000, Duration.ofMillis(50));
        w.start();
        w.submit(trace());
        w.submit(trace());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> written() == 2);
    }

    @Test
    void drainsEveryQueuedTraceWhenStopped() {
        TraceWriter w = writer(1000, 50, Duration.ofHours(1));
        w.start();
        for (int i = 0; i < 120; i++) {
            w.submit(trace());
        }
        w.stop();
        assertThat(written()).isEqualTo(120);
        assertThat(w.isRunning()).isFalse();
    }

    @Test
    void keepsUnwrittenTracesReadableUntilTheyAreWritten() {
        TraceWriter w = writer(100, 1000, Duration.ofHours(1));
        QueryTrace t = trace();
        w.submit(t);
        assertThat(w.pending(t.id())).contains(t);
        w.start();
        w.stop();
        assertThat(w.pending(t.id())).isEmpty();
        assertThat(written()).isEqualTo(1);
    }

    @Test
    void dropsAndCountsTracesWhenTheQueueIsFullInsteadOfBlocking() {
        TraceWriter w = writer(2, 10, Duration.ofHours(1));
        assertThat(w.submit(trace())).isTrue();
        assertThat(w.submit(trace())).isTrue();
        assertThat(w.submit(trace())).isFalse();
        assertThat(meters.counter("supportkb.tracing.dropped", "reason", "queue-full").count()).isEqualTo(1);
    }

    @Test
    void writesTheGoodTracesOfABatchThatFailsBecauseOfOneBadTrace() {
        TraceWriter w = writer(100, 3, Duration.ofHours(1));
        QueryTrace bad = trace();
        poison.add(bad.id());
        w.submit(trace());
        w.submit(bad);
        w.submit(trace());
        w.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> written() == 2);
        w.stop();
        assertThat(meters.counter("supportkb.tracing.dropped", "reason", "write-failed").count()).isEqualTo(1);
        assertThat(meters.counter("supportkb.tracing.written").count()).isEqualTo(2);
    }

    @Test
    void writesAStragglerSubmittedAfterShutdownAtOnce() {
        TraceWriter w = writer(100, 10, Duration.ofHours(1));
        w.start();
        w.stop();
        w.submit(trace());
        assertThat(written()).isEqualTo(1);
    }
}
