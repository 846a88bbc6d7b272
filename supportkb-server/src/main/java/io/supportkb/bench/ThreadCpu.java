package io.supportkb.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where this process's CPU time goes, by thread group: live JVM threads grouped by name with numbering removed
 * ({@code indexing-worker-0} and {@code -1} are {@code indexing-worker-#}), and {@value #NATIVE}: the rest of the
 * process (ONNX Runtime's intra-op pool, the tokenizer's native threads, GC and JIT threads, and JVM threads
 * that ended during the window). ONNX work on the thread that called the embedder counts for that thread.
 *
 * @param nanos  CPU nanoseconds per group, largest first
 */
record ThreadCpu(Map<String, Long> nanos) {

    static final String NATIVE = "native and ended threads (ONNX Runtime pool, GC, JIT)";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Pattern NUMBERING = Pattern.compile("\\d+");

    /** Per-thread CPU so far, by thread id, with the process total under id -1. */
    static Map<Long, Sample> sample() {
        Map<Long, Sample> samples = new HashMap<>();
        samples.put(-1L, new Sample(NATIVE, ProcessCpu.nanos()));
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) {
                long cpu = THREADS.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    samples.put(info.getThreadId(), new Sample(group(info.getThreadName()), cpu));
                }
            }
        }
        return samples;
    }

    /** One thread's group and CPU nanoseconds so far. */
    record Sample(String group, long nanos) {
    }

    /** CPU used between two samples, by group; the process total less all threads' is {@value #NATIVE}. */
    static ThreadCpu between(Map<Long, Sample> before, Map<Long, Sample> after) {
        Map<String, Long> byGroup = new HashMap<>();
        long threads = 0;
        for (Map.Entry<Long, Sample> e : after.entrySet()) {
            if (e.getKey() >= 0) {
                Sample earlier = before.get(e.getKey());
                long used = e.getValue().nanos() - (earlier == null ? 0 : earlier.nanos());
                byGroup.merge(e.getValue().group(), used, Long::sum);
                threads += used;
            }
        }
        long process = after.get(-1L).nanos() - before.get(-1L).nanos();
        byGroup.put(NATIVE, process - threads);
        Map<String, Long> sorted = new LinkedHashMap<>();
        byGroup.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new ThreadCpu(sorted);
    }

    long total() {
        return nanos.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String group(String threadName) {
        return NUMBERING.matcher(threadName).replaceAll("#");
    }
}
