package io.supportkb.search.internal;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Measures how long each query stage's observation ran, so that the timings in a response and its trace are those
 * of the observations (the same spans and timers the metrics show), not a separate stopwatch. Registered with
 * the observation registry as a bean; thread-safe (state lives in each {@link Stage}).
 */
public final class StageClock implements ObservationHandler<StageClock.Stage> {

    /** The context of one stage's observation; {@link #millis()} is set when the observation stops. */
    public static final class Stage extends Observation.Context {
        private long startedAt;
        private volatile double millis = Double.NaN;

        /** Milliseconds between start and stop; {@code NaN} while running or when observations are off. */
        public double millis() {
            return millis;
        }
    }

    @Override
    public void onStart(Stage context) {
        context.startedAt = System.nanoTime();
    }

    @Override
    public void onStop(Stage context) {
        context.millis = (System.nanoTime() - context.startedAt) / 1_000_000.0;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof Stage;
    }
}
