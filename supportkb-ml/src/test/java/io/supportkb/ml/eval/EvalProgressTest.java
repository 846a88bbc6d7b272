package io.supportkb.ml.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.supportkb.ml.eval.EvalProgress.Display;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EvalProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void tick(long millis) {
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void rendersCountBarPercentRateAndEta() {
        var progress = new EvalProgress("embedding", 5183, "docs", out, Display.BAR, clock::get);
        // 1234/5183 = 23.8%; 4 of 20 bar cells; 1234 / 30 s = 41.1 docs/s; 3949 left / 41.13 = 96 s = 1:36
        assertThat(progress.render(1234, TimeUnit.SECONDS.toNanos(30)))
                .isEqualTo("embedding 1234/5183 [====>               ] 23.8% 41 docs/s ETA 1:36");
        assertThat(progress.render(0, 0)).isEqualTo("embedding 0/5183 [>                   ] 0.0% 0.0 docs/s ETA --:--");
        assertThat(progress.render(5183, TimeUnit.SECONDS.toNanos(3725)))
                .isEqualTo("embedding 5183/5183 [====================] 100.0% 1.4 docs/s in 1:02:05");
    }

    @Test
    void barRedrawsInPlaceAtMostFourTimesPerSecond() {
        var progress = new EvalProgress("embedding", 1000, "docs", out, Display.BAR, clock::get);
        for (int i = 0; i < 100; i++) { // one item every 10 ms for one second
            tick(10);
            progress.advance(1);
        }
        String text = output();
        // first update, then every 250 ms: at 10, 260, 510, 760 ms
        assertThat(text.chars().filter(c -> c == '\r').count()).isEqualTo(4);
        assertThat(text).doesNotContain("\n");
    }

    @Test
    void barAlwaysDrawsCompletionAndFinishEndsTheLine() {
        var progress = new EvalProgress("indexing", 3, "docs", out, Display.BAR, clock::get);
        progress.advance(1);
        progress.advance(2); // complete within the throttle window: still drawn
        tick(1000);
        progress.finish();
        progress.finish(); // ignored
        String text = output();
        assertThat(text).contains("\rindexing 3/3 [====================] 100.0%");
        assertThat(text).endsWith("\n");
        assertThat(text.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }

    @Test
    void withoutTerminalPrintsOneLinePerTenPercent() {
        var progress = new EvalProgress("embedding", 200, "docs", out, Display.LINES, clock::get);
        for (int i = 0; i < 200; i++) {
            tick(5);
            progress.advance(1);
        }
        progress.finish();
        String text = output();
        assertThat(text).doesNotContain("\r");
        assertThat(text.lines()).hasSize(10);
        assertThat(text.lines().findFirst()).get().asString().startsWith("embedding 20/200 [==>");
        assertThat(text.lines().reduce((a, b) -> b)).get().asString().startsWith("embedding 200/200 [====================] 100.0%");
    }

    @Test
    void withoutTerminalFinishReportsAnUnfinishedStage() {
        var progress = new EvalProgress("embedding", 100, "docs", out, Display.LINES, clock::get);
        progress.update(55);
        tick(1000);
        progress.finish();
        assertThat(output().lines()).hasSize(2).last().asString().startsWith("embedding 55/100");
    }

    @Test
    void formatsDurationsAsMinutesOrHours() {
        assertThat(EvalProgress.clock(112)).isEqualTo("1:52");
        assertThat(EvalProgress.clock(5)).isEqualTo("0:05");
        assertThat(EvalProgress.clock(3600)).isEqualTo("1:00:00");
    }
}
