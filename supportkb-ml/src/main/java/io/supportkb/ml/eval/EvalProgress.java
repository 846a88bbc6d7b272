package io.supportkb.ml.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A console progress indicator for long evaluation stages:
 * {@code embedding 1234/5183 [====>               ] 23.8% 41 docs/s ETA 1:52}.
 *
 * <p>On a terminal ({@link Display#BAR}) the line is redrawn in place with a carriage return, at most
 * every {@value #REDRAW_MILLIS} ms; when output goes to a file or CI log ({@link Display#LINES}) a full
 * line is printed each time another 10% is done, so logs stay readable. Rate and ETA are averages since
 * construction. Thread-safe: workers may report progress concurrently.
 */
public final class EvalProgress {

    /** How progress is drawn. */
    public enum Display {
        /** One line redrawn in place with {@code \r}; for terminals. */
        BAR,
        /** A new line at every 10%; for files and CI logs. */
        LINES
    }

    static final long REDRAW_MILLIS = 250;
    private static final int BAR_WIDTH = 20;

    private final String label;
    private final long total;
    private final String unit;
    private final PrintStream out;
    private final Display display;
    private final LongSupplier nanoClock;
    private final long startNanos;

    private long done;
    private long lastDrawNanos = Long.MIN_VALUE;
    private int lastDrawnLength;
    private long lastTenth;
    private boolean finished;

    /**
     * @param label     what is being done, e.g. {@code embedding}
     * @param total     number of items expected, {@code >= 0}
     * @param unit      plural item name for the rate, e.g. {@code docs}
     * @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime}; tests pass a fake)
     */
    public EvalProgress(String label, long total, String unit, PrintStream out, Display display,
            LongSupplier nanoClock) {
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative: " + total);
        }
        this.label = Objects.requireNonNull(label, "label");
        this.total = total;
        this.unit = Objects.requireNonNull(unit, "unit");
        this.out = Objects.requireNonNull(out, "out");
        this.display = Objects.requireNonNull(display, "display");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.startNanos = nanoClock.getAsLong();
    }

    /** Progress on standard error, drawn as a bar when standard error is a terminal, else as lines. */
    public static EvalProgress onStandardError(String label, long total, String unit) {
        return new EvalProgress(label, total, unit, System.err,
                standardErrorIsTerminal() ? Display.BAR : Display.LINES, System::nanoTime);
    }

    /** Adds {@code items} to the done count. */
    public synchronized void advance(long items) {
        update(done + items);
    }

    /** Sets the done count (clamped to the total) and redraws if due. */
    public synchronized void update(long doneSoFar) {
        if (finished) {
            return;
        }
        done = Math.max(0, Math.min(total, doneSoFar));
        long now = nanoClock.getAsLong();
        switch (display) {
            case BAR -> {
                boolean due = lastDrawNanos == Long.MIN_VALUE
                        || now - lastDrawNanos >= TimeUnit.MILLISECONDS.toNanos(REDRAW_MILLIS);
                if (due || done == total) {
                    redraw(render(done, now - startNanos));
                    lastDrawNanos = now;
                }
            }
            case LINES -> {
                long tenth = total == 0 ? 10 : done * 10 / total;
                if (tenth > lastTenth) {
                    out.println(render(done, now - startNanos));
                    lastTenth = tenth;
                }
            }
        }
    }

    /** Draws the final state and ends the line; later calls are ignored. */
    public synchronized void finish() {
        if (finished) {
            return;
        }
        long now = nanoClock.getAsLong();
        String line = render(done, now - startNanos);
        if (display == Display.BAR) {
            redraw(line);
            out.println();
        } else if (lastTenth < 10 || done < total) {
            out.println(line);
        }
        out.flush();
        finished = true;
    }

    /** The status text for {@code doneSoFar} items after {@code elapsedNanos}. */
    String render(long doneSoFar, long elapsedNanos) {
        double fraction = total == 0 ? 1.0 : (double) doneSoFar / total;
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? doneSoFar / seconds : 0;
        String eta = doneSoFar >= total ? "in " + clock(seconds)
                : rate > 0 ? "ETA " + clock((total - doneSoFar) / rate) : "ETA --:--";
        return String.format(Locale.ROOT, "%s %d/%d %s %.1f%% %s %s/s %s",
                label, doneSoFar, total, bar(fraction), fraction * 100, formatRate(rate), unit, eta);
    }

    private void redraw(String line) {
        // Pad with spaces so a shorter line fully covers the previous one.
        int padding = Math.max(0, lastDrawnLength - line.length());
        out.print("\r" + line + " ".repeat(padding));
        out.flush();
        lastDrawnLength = line.length();
    }

    private static String bar(double fraction) {
        int filled = (int) Math.floor(fraction * BAR_WIDTH);
        if (filled >= BAR_WIDTH) {
            return "[" + "=".repeat(BAR_WIDTH) + "]";
        }
        return "[" + "=".repeat(filled) + ">" + " ".repeat(BAR_WIDTH - filled - 1) + "]";
    }

    private static String formatRate(double rate) {
        return String.format(Locale.ROOT, rate >= 10 ? "%.0f" : "%.1f", rate);
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /**
     * Whether file descriptor 2 is a terminal. On Linux, {@code /proc/self/fd/2} names the device
     * ({@code /dev/pts/*} or {@code /dev/tty*}); elsewhere the presence of a system console is the best
     * guess Java 21 offers.
     */
    private static boolean standardErrorIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        if (Files.isSymbolicLink(fd)) {
            try {
                String device = Files.readSymbolicLink(fd).toString();
                return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
