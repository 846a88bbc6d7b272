package io.supportkb.ml.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a benchmark ran on. Numbers mean nothing without it; the load average is recorded because
 * the benchmark machine is shared.
 *
 * @param availableProcessors cores the JVM may use
 * @param cpuModel {@code model name} from {@code /proc/cpuinfo}, or {@code "unknown"}
 * @param maxHeapMiB the JVM's maximum heap
 * @param vectorApi whether {@code jdk.incubator.vector} is loaded (Lucene's SIMD vector scorers need it)
 * @param loadAverage 1/5/15-minute load average when the record was taken, or {@code "unknown"}
 */
public record MachineInfo(int availableProcessors, String cpuModel, String javaVersion, String javaVm,
        String os, String arch, long maxHeapMiB, boolean vectorApi, String loadAverage) {

    public static MachineInfo current() {
        return new MachineInfo(
                Runtime.getRuntime().availableProcessors(),
                readCpuModel(),
                System.getProperty("java.runtime.version", System.getProperty("java.version")),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                loadAverageNow());
    }

    /** The 1/5/15-minute load average from {@code /proc/loadavg}, or {@code "unknown"}. */
    public static String loadAverageNow() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String readCpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the other fields still describe the machine
        }
        return "unknown";
    }
}
