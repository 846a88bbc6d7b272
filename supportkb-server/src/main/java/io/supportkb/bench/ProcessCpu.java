package io.supportkb.bench;

import java.lang.management.ManagementFactory;

/**
 * CPU time this JVM has used, all threads together. On a shared machine the wall clock depends on how much CPU
 * the other jobs leave; CPU seconds per chunk do not, so they tell whether the server does more work per chunk
 * than the plain embedder or merely got a different share of the machine. Work done by other processes (MariaDB,
 * Redis) is not included.
 */
final class ProcessCpu {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ProcessCpu() {
    }

    /** CPU nanoseconds used by this process so far. */
    static long nanos() {
        return OS.getProcessCpuTime();
    }
}
