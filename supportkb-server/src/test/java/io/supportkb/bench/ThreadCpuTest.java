package io.supportkb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void groupsThreadsByNameAndLeavesTheRestOfTheProcessToNative() {
        Map<Long, ThreadCpu.Sample> before = Map.of(
                -1L, new ThreadCpu.Sample(ThreadCpu.NATIVE, 1_000),
                1L, new ThreadCpu.Sample("indexing-worker-#", 100),
                2L, new ThreadCpu.Sample("indexing-worker-#", 200),
                3L, new ThreadCpu.Sample("ended", 50));
        Map<Long, ThreadCpu.Sample> after = Map.of(
                -1L, new ThreadCpu.Sample(ThreadCpu.NATIVE, 2_000),
                1L, new ThreadCpu.Sample("indexing-worker-#", 400),
                2L, new ThreadCpu.Sample("indexing-worker-#", 300),
                4L, new ThreadCpu.Sample("http-nio-#-exec-#", 100));

        ThreadCpu cpu = ThreadCpu.between(before, after);

        assertThat(cpu.nanos()).containsExactly(Map.entry(ThreadCpu.NATIVE, 500L),
                Map.entry("indexing-worker-#", 400L), Map.entry("http-nio-#-exec-#", 100L));
        assertThat(cpu.total()).isEqualTo(1_000);
    }

    @Test
    void samplesEveryThreadUnderItsNameWithoutNumbers() throws Exception {
        AtomicReference<Map<Long, ThreadCpu.Sample>> sample = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().name("bench-test-7").start(() -> sample.set(ThreadCpu.sample()));
        worker.join();

        assertThat(sample.get().get(worker.threadId()).group()).isEqualTo("bench-test-#");
        assertThat(sample.get().get(-1L).nanos()).isPositive();
    }
}
