package io.supportkb.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

import io.supportkb.ml.bench.BenchReport;
import io.supportkb.ml.bench.BenchReport.Table;
import io.supportkb.ml.bench.MachineInfo;
import io.supportkb.ml.embed.EmbedderConfig;

/** Turns the rounds of an {@link IngestBenchmark} run into a {@link BenchReport}: settings, tables, notes, raw data. */
final class IngestReport {

    /** What the run was asked to do. */
    record Inputs(String corpus, String source, int documents, int warmUpDocuments, int edited, double editedPercent,
                  int batchLines, int rounds, ServerMode mode, List<String> serverProperties, String modelId,
                  EmbedderConfig embedding) {
    }

    static final double TARGET = 0.85;

    private final Inputs in;
    private final List<PlainEmbedderRun.Result> baselines;
    private final List<ServerIngestRun.Result> candidates;

    IngestReport(Inputs in, List<PlainEmbedderRun.Result> baselines, List<ServerIngestRun.Result> candidates) {
        this.in = in;
        this.baselines = baselines;
        this.candidates = candidates;
    }

    double baselineMedian() {
        return median(baselines, PlainEmbedderRun.Result::chunksPerSecond);
    }

    double candidateMedian() {
        return median(candidates, c -> c.first().chunksPerSecond());
    }

    /** Median of the per-round ratios baseline CPU per chunk / server CPU per chunk (1: no extra work). */
    double cpuRatioMedian() {
        return median(rounds(), i -> baselines.get(i).cpuSecondsPerChunk()
                / candidates.get(i).first().cpuSecondsPerChunk());
    }

    private List<Integer> rounds() {
        return IntStream.range(0, candidates.size()).boxed().toList();
    }

    BenchReport toBenchReport(String startedAt, String command, MachineInfo machine) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("baseline", baselines);
        raw.put("candidate", candidates);
        return new BenchReport("ingest-" + in.mode().label(),
                "Ingestion, upload to searchable, against the plain embedder (" + in.mode().label() + " mode)",
                startedAt, command, machine, MachineInfo.loadAverageNow(), settings(),
                List.of(throughput(), cpu(), cpuByThread(), phases(), reupload(), stages()),
                IngestFindings.notes(this), raw);
    }

    Inputs inputs() {
        return in;
    }

    List<PlainEmbedderRun.Result> baselines() {
        return baselines;
    }

    List<ServerIngestRun.Result> candidates() {
        return candidates;
    }

    private Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("mode", in.mode().label() + (in.mode().profiles().isEmpty()
                ? " (no profile: H2 file DB, in-process wake-ups)"
                : " (profiles " + String.join(",", in.mode().profiles()) + ")"));
        s.put("corpus", in.corpus() + " from " + in.source() + " (read at run time)");
        s.put("documents", in.documents());
        s.put("warm-up documents (other collection, before timing; the baseline embeds their chunks once)",
                in.warmUpDocuments());
        s.put("re-upload", in.edited() + " documents (" + in.editedPercent() + " %) edited: one sentence appended");
        s.put("upload", "JSON Lines, " + in.batchLines() + " lines per request, sequential, java.net.http HTTP/1.1");
        s.put("rounds", in.rounds() + " (ABBA: baseline first in odd rounds, server first in even ones; a fresh "
                + "server with fresh state per round)");
        s.put("model", in.modelId() + ", " + in.embedding().sessions() + " session(s) x "
                + in.embedding().intraOpThreads() + " intra-op thread(s), batch 1, on both sides");
        s.put("chunking", "ChunkerConfig.defaults() (256 tokens, 32 overlap), format Markdown (FAQ for kind faq)");
        s.put("server properties", in.serverProperties().isEmpty()
                ? "application.yaml defaults (worker-threads 4, index poll-interval 200ms)"
                : "application.yaml defaults plus " + String.join(" ", in.serverProperties()));
        s.put("clock", "first upload request until this node's index applied the last change (sampled every "
                + SearchableClock.SAMPLE_MILLIS + " ms)");
        return s;
    }

    private Table throughput() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            PlainEmbedderRun.Result b = baselines.get(i);
            ServerIngestRun.Phase c = candidates.get(i).first();
            rows.add(List.of(String.valueOf(i + 1), String.valueOf(b.chunks()), seconds(b.embedNanos()),
                    rate(b.chunksPerSecond()), String.valueOf(c.chunks()), seconds(c.searchableNanos()),
                    rate(c.chunksPerSecond()), ratio(c.chunksPerSecond() / b.chunksPerSecond())));
        }
        rows.add(List.of("median", "", "", rate(baselineMedian()), "", "", rate(candidateMedian()),
                "**" + ratio(candidateMedian() / baselineMedian()) + "**"));
        return new Table("Throughput: upload to searchable vs the plain embedder (target ratio >= " + TARGET + ")",
                List.of("round", "baseline chunks", "embed s", "baseline chunks/s", "server chunks",
                        "upload→searchable s", "server chunks/s", "ratio"), rows);
    }

    private Table cpu() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            PlainEmbedderRun.Result b = baselines.get(i);
            ServerIngestRun.Phase c = candidates.get(i).first();
            rows.add(List.of(String.valueOf(i + 1), seconds(b.cpuNanos()), cores(b.cpuNanos(), b.embedNanos()),
                    millis(b.cpuSecondsPerChunk()), seconds(c.cpuNanos()), cores(c.cpuNanos(), c.searchableNanos()),
                    millis(c.cpuSecondsPerChunk()), ratio(b.cpuSecondsPerChunk() / c.cpuSecondsPerChunk()),
                    seconds(sum(b.serviceCpu())) + " / " + seconds(sum(c.serviceCpu()))));
        }
        rows.add(List.of("median", "", "", "", "", "", "", "**" + ratio(cpuRatioMedian()) + "**", ""));
        return new Table("CPU time per chunk: the same comparison independent of the machine's load",
                List.of("round", "baseline CPU s", "baseline cores used", "baseline CPU ms/chunk", "server CPU s",
                        "server cores used", "server CPU ms/chunk", "baseline / server CPU per chunk",
                        "MariaDB + Redis CPU s during baseline / server"), rows);
    }

    private Table cpuByThread() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            addThreadRows(rows, i + 1, "baseline", baselines.get(i).threads(), baselines.get(i).chunks());
            ServerIngestRun.Phase first = candidates.get(i).first();
            addThreadRows(rows, i + 1, "server", first.threads(), first.chunks());
        }
        return new Table("Where the CPU goes, by thread group (first ingest; top " + THREAD_GROUPS + " groups)",
                List.of("round", "run", "thread group", "CPU s", "CPU ms/chunk"), rows);
    }

    private static final int THREAD_GROUPS = 6;
    /** Groups below 10 ms are left to "(other threads)". */
    private static final long MIN_THREAD_NANOS = 10_000_000L;

    private static void addThreadRows(List<List<String>> rows, int round, String run, ThreadCpu cpu, int chunks) {
        long other = cpu.total();
        int shown = 0;
        for (Map.Entry<String, Long> group : cpu.nanos().entrySet()) {
            if (shown++ == THREAD_GROUPS || group.getValue() < MIN_THREAD_NANOS) {
                break;
            }
            other -= group.getValue();
            rows.add(List.of(String.valueOf(round), run, group.getKey(), seconds(group.getValue()),
                    millis(group.getValue() / 1e9 / chunks)));
        }
        if (other > 0) {
            rows.add(List.of(String.valueOf(round), run, "(other threads)", seconds(other),
                    millis(other / 1e9 / chunks)));
        }
    }

    private Table phases() {
        List<List<String>> rows = new ArrayList<>();
        for (ServerIngestRun.Result r : candidates) {
            for (ServerIngestRun.Phase p : List.of(r.first(), r.reupload())) {
                rows.add(List.of(String.valueOf(r.round()), p == r.first() ? "first ingest" : "re-upload",
                        String.valueOf(p.uploaded().accepted()), String.valueOf(p.uploaded().duplicates()),
                        seconds(p.uploadNanos()), seconds(p.searchableNanos()), String.valueOf(p.chunks()),
                        String.valueOf(p.searchableChunks()), String.valueOf(p.embedded().chunks()),
                        String.valueOf(p.embedded().calls()), seconds(p.embedded().busyNanos()),
                        percent((double) p.embedded().busyNanos() / p.searchableNanos())));
            }
        }
        return new Table("Server phases", List.of("round", "phase", "accepted", "duplicates", "upload s",
                "searchable after s", "chunks (DB)", "chunks (index)", "chunks embedded", "embed calls", "model busy s",
                "model busy % of wall"), rows);
    }

    private Table reupload() {
        List<List<String>> rows = new ArrayList<>();
        for (ServerIngestRun.Result r : candidates) {
            ServerIngestRun.Phase first = r.first();
            ServerIngestRun.Phase again = r.reupload();
            int reused = again.newVersionChunks() - again.embedded().chunks();
            rows.add(List.of(String.valueOf(r.round()), String.valueOf(again.uploaded().accepted()),
                    String.valueOf(again.uploaded().duplicates()), String.valueOf(again.newVersionChunks()),
                    String.valueOf(again.embedded().chunks()), String.valueOf(reused),
                    seconds(again.searchableNanos()), ratio((double) again.searchableNanos() / first.searchableNanos()),
                    ratio((double) again.embedded().chunks() / first.embedded().chunks())));
        }
        rows.add(List.of("median", "", "", "", "", "", "", ratio(median(candidates,
                r -> (double) r.reupload().searchableNanos() / r.first().searchableNanos())), ratio(median(candidates,
                r -> (double) r.reupload().embedded().chunks() / r.first().embedded().chunks()))));
        return new Table("Re-upload of the whole corpus with " + in.edited() + " documents edited",
                List.of("round", "new versions", "duplicates", "chunks of new versions", "embedded", "reused",
                        "searchable after s", "time / first ingest", "chunks embedded / first ingest"), rows);
    }

    private Table stages() {
        List<List<String>> rows = new ArrayList<>();
        for (ServerIngestRun.Result r : candidates) {
            double wall = r.first().searchableNanos() / 1e9;
            r.first().stages().stages().forEach((name, stage) -> rows.add(List.of(String.valueOf(r.round()), name,
                    String.valueOf(stage.count()), String.format(Locale.ROOT, "%.2f", stage.seconds()),
                    stage.count() == 0 ? "" : String.format(Locale.ROOT, "%.1f", 1000 * stage.seconds()
                            / stage.count()),
                    percent(stage.seconds() / wall))));
        }
        return new Table("Where the first ingest's time goes (server timers, summed over threads)",
                List.of("round", "timer", "calls", "total s", "mean ms", "total / wall"), rows);
    }

    static <T> double median(List<T> items, ToDoubleFunction<T> value) {
        double[] sorted = items.stream().mapToDouble(value).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e9);
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static long sum(Map<String, Long> nanos) {
        return nanos.values().stream().mapToLong(Long::longValue).sum();
    }

    static String cores(long cpuNanos, long wallNanos) {
        return String.format(Locale.ROOT, "%.2f", (double) cpuNanos / wallNanos);
    }

    static String millis(double seconds) {
        return String.format(Locale.ROOT, "%.0f", 1000 * seconds);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * fraction);
    }
}
