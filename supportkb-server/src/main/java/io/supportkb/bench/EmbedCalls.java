package io.supportkb.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

/**
 * Records every {@code supportkb.indexing.embed} observation of the server (the worker's model call for the chunks
 * it could not reuse): when it ran and how many chunks it embedded (its {@code chunks} key). From these come the
 * chunks embedded versus reused, and the model's busy time: the union of the calls' intervals, i.e. the wall time
 * during which at least one embedding was in flight. Thread-safe.
 */
final class EmbedCalls implements ObservationHandler<Observation.Context> {

    /** One model call, in {@link System#nanoTime()} units. */
    record Call(long start, long end, int chunks) {
    }

    /**
     * The calls within a window: how many, chunks embedded, and model busy time; {@code headNanos} runs from the
     * window's start to the first call, {@code tailNanos} from the end of the last call to the window's end.
     */
    record Summary(int calls, int chunks, long busyNanos, long headNanos, long tailNanos) {
    }

    static final String OBSERVATION = "supportkb.indexing.embed";
    private static final String START = EmbedCalls.class.getName() + ".start";

    private final List<Call> calls = new ArrayList<>();
    private final LongSupplier clock;

    /** @param clock nanoseconds, {@link System#nanoTime()} outside tests */
    EmbedCalls(LongSupplier clock) {
        this.clock = clock;
    }

    /** Registers a recorder with the server's registry; observations created from now on are recorded. */
    static EmbedCalls recordOn(ObservationRegistry registry) {
        EmbedCalls recorder = new EmbedCalls(System::nanoTime);
        registry.observationConfig().observationHandler(recorder);
        return recorder;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return OBSERVATION.equals(context.getName());
    }

    @Override
    public void onStart(Observation.Context context) {
        context.put(START, clock.getAsLong());
    }

    @Override
    public void onStop(Observation.Context context) {
        long end = clock.getAsLong();
        Long start = context.get(START);
        KeyValue chunks = context.getHighCardinalityKeyValue("chunks");
        synchronized (calls) {
            calls.add(new Call(start == null ? end : start, end,
                    chunks == null ? 0 : Integer.parseInt(chunks.getValue())));
        }
    }

    /** Calls that started at or after {@code from} and ended by {@code to}. */
    Summary between(long from, long to) {
        List<Call> window;
        synchronized (calls) {
            window = calls.stream().filter(c -> c.start() - from >= 0 && to - c.end() >= 0)
                    .sorted(Comparator.comparingLong(Call::start)).toList();
        }
        long busy = 0;
        long coveredUntil = Long.MIN_VALUE;
        int chunks = 0;
        for (Call call : window) {
            chunks += call.chunks();
            if (call.end() > coveredUntil) {
                busy += call.end() - Math.max(call.start(), coveredUntil);
                coveredUntil = call.end();
            }
        }
        return window.isEmpty() ? new Summary(0, 0, 0, to - from, 0)
                : new Summary(window.size(), chunks, busy, window.getFirst().start() - from, to - coveredUntil);
    }
}
