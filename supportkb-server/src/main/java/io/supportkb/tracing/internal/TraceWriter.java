package io.supportkb.tracing.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.supportkb.tracing.QueryTrace;

/**
 * Writes traces in the background so that a query never waits on the database: {@link #submit} only offers the
 * trace to a bounded queue (dropping and counting it when the queue is full); one writer thread takes a batch —
 * up to {@code batchSize} traces, or whatever arrived within {@code flushInterval} of the batch's first trace —
 * and hands it to the {@link Sink} (one JDBC batch in one transaction). A failed batch is retried, then written
 * trace by trace so that one bad trace cannot sink the others.
 *
 * <p>Graceful shutdown: as a {@link SmartLifecycle} in a phase below the web server's, {@link #stop()} runs after
 * the server stopped taking requests; it drains the queue completely (waiting at most {@code shutdownTimeout})
 * before the data source closes. Traces not yet written are readable through {@link #pending(String)}.
 *
 * <p>Thread-safe: any number of submitting threads, one writer thread.
 */
public final class TraceWriter implements SmartLifecycle {

    /** Stores one batch of traces atomically; throws when it could not. */
    @FunctionalInterface
    public interface Sink {
        void write(List<QueryTrace> batch);
    }

    /** Stops after the web server (which stops at {@code DEFAULT_PHASE - 2048}) and before the data source closes. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Logger log = LoggerFactory.getLogger(TraceWriter.class);
    private static final int ATTEMPTS = 3;
    /** Longest the writer thread blocks before looking at {@link #running} again. */
    private static final long WAKE_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Sink sink;
    private final BlockingQueue<QueryTrace> queue;
    private final Map<String, QueryTrace> pending = new ConcurrentHashMap<>();
    private final int batchSize;
    private final long flushNanos;
    private final Duration shutdownTimeout;
    private final ObservationRegistry observations;
    private final Counter written;
    private final Counter droppedFull;
    private final Counter droppedFailed;
    private final AtomicLong lastDropLog = new AtomicLong(System.nanoTime() - DROP_LOG_INTERVAL_NANOS);
    private volatile boolean running;
    private volatile boolean stopped;
    private Thread thread;

    public TraceWriter(Sink sink, int capacity, int batchSize, Duration flushInterval, Duration shutdownTimeout,
                       MeterRegistry meters, ObservationRegistry observations) {
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.flushNanos = flushInterval.toNanos();
        this.shutdownTimeout = shutdownTimeout;
        this.observations = observations;
        this.written = Counter.builder("supportkb.tracing.written").description("query traces stored")
                .register(meters);
        this.droppedFull = Counter.builder("supportkb.tracing.dropped").tag("reason", "queue-full")
                .description("query traces not stored").register(meters);
        this.droppedFailed = Counter.builder("supportkb.tracing.dropped").tag("reason", "write-failed")
                .description("query traces not stored").register(meters);
        Gauge.builder("supportkb.tracing.queue", queue, BlockingQueue::size)
                .description("query traces waiting to be written").register(meters);
    }

    /** Queues a trace without blocking; returns false (and counts a drop) when the queue is full. */
    public boolean submit(QueryTrace trace) {
        if (stopped) {
            // a straggler after shutdown began: write it now rather than leave it in a queue nobody drains
            flush(new ArrayList<>(List.of(trace)));
            return true;
        }
        pending.put(trace.id(), trace);
        if (queue.offer(trace)) {
            return true;
        }
        pending.remove(trace.id());
        droppedFull.increment();
        long now = System.nanoTime();
        long last = lastDropLog.get();
        if (now - last >= DROP_LOG_INTERVAL_NANOS && lastDropLog.compareAndSet(last, now)) {
            log.warn("The trace queue is full ({} traces): traces are being dropped. The database is too slow or "
                    + "down; raise supportkb.tracing.queue-capacity or batch-size if it is merely slow.",
                    queue.size());
        }
        return false;
    }

    /** A submitted trace that is not written yet. */
    public Optional<QueryTrace> pending(String id) {
        return Optional.ofNullable(pending.get(id));
    }

    public int queued() {
        return queue.size();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "trace-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops taking batches after the queue is drained; waits at most the shutdown timeout. */
    @Override
    public void stop() {
        Thread writer;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            writer = thread;
        }
        try {
            writer.join(shutdownTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopped = true;
        if (!writer.isAlive() && !queue.isEmpty()) {
            List<QueryTrace> stragglers = new ArrayList<>();
            queue.drainTo(stragglers);
            flush(stragglers);
        }
        if (writer.isAlive() || !queue.isEmpty()) {
            log.warn("Stopping with {} query traces not written after {} (supportkb.tracing.shutdown-timeout).",
                    queue.size() + pending.size(), shutdownTimeout);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void run() {
        List<QueryTrace> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                QueryTrace first = queue.poll(WAKE_UP_NANOS, TimeUnit.NANOSECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + flushNanos;
                while (batch.size() < batchSize) {
                    queue.drainTo(batch, batchSize - batch.size());
                    long left = deadline - System.nanoTime();
                    if (batch.size() >= batchSize || !running || left <= 0) {
                        break;
                    }
                    // short waits, so that stop() is noticed at once whatever the flush interval
                    QueryTrace next = queue.poll(Math.min(left, WAKE_UP_NANOS), TimeUnit.NANOSECONDS);
                    if (next != null) {
                        batch.add(next);
                    }
                }
                flush(batch);
            } catch (InterruptedException e) {
                // nobody interrupts this thread on purpose; keep draining until stopped
                Thread.interrupted();
            } catch (RuntimeException e) {
                log.error("The trace writer failed unexpectedly; continuing", e);
            } finally {
                batch.clear();
            }
        }
    }

    private void flush(List<QueryTrace> batch) {
        Observation.createNotStarted("supportkb.tracing.flush", observations).observe(() -> {
            if (!writeWithRetries(batch)) {
                // one bad trace must not sink the others
                for (QueryTrace trace : batch) {
                    try {
                        sink.write(List.of(trace));
                        written.increment();
                    } catch (RuntimeException e) {
                        droppedFailed.increment();
                        log.error("Query trace {} could not be stored and is dropped: {}", trace.id(), e.toString());
                    }
                }
            }
        });
        batch.forEach(t -> pending.remove(t.id()));
    }

    private boolean writeWithRetries(List<QueryTrace> batch) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                sink.write(batch);
                written.increment(batch.size());
                return true;
            } catch (RuntimeException e) {
                log.warn("Writing {} query traces failed (attempt {} of {}): {}", batch.size(), attempt, ATTEMPTS,
                        e.toString());
                if (attempt < ATTEMPTS) {
                    pause(100L << attempt);
                }
            }
        }
        return false;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
