package io.supportkb.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The findings paragraphs of an ingest report. The throughput ratio factors into three parts that say where the
 * time goes: the share of the wall time the model was busy at all, the model's rate while busy against the
 * baseline's (CPU shared with the rest of the server), and chunks per chunk embedded (reuse of identical chunks).
 */
final class IngestFindings {

    private IngestFindings() {
    }

    static List<String> notes(IngestReport report) {
        List<String> notes = new ArrayList<>();
        double ratio = report.candidateMedian() / report.baselineMedian();
        notes.add(String.format(Locale.ROOT, "Median upload-to-searchable throughput %.1f chunks/s is %.3f of the "
                        + "plain embedder's %.1f chunks/s on the same chunks (target >= %.2f): %s.",
                report.candidateMedian(), ratio, report.baselineMedian(), IngestReport.TARGET,
                ratio >= IngestReport.TARGET ? "met" : "NOT met"));
        notes.add(String.format(Locale.ROOT, "Per CPU second of this process the server ingests %.3f of the chunks "
                        + "the plain embedder embeds (median of per-round ratios of CPU ms per chunk); this is the "
                        + "load-independent measure of the server's extra work. The wall-clock ratio also depends on "
                        + "how many cores the busy machine left the process in each run (see the cores used).%s",
                report.cpuRatioMedian(), report.inputs().mode().usesMariaDb() || report.inputs().mode().usesRedis()
                        ? " MariaDB's and Redis's CPU is not in this ratio (other processes; see their column)." : ""));
        for (int i = 0; i < report.candidates().size(); i++) {
            notes.add(breakdown(report.candidates().get(i), report.baselines().get(i)));
            notes.add(cpu(report.candidates().get(i), report.baselines().get(i)));
        }
        ServerIngestRun.Result last = report.candidates().getLast();
        PlainEmbedderRun.Result lastBase = report.baselines().getLast();
        notes.add(String.format(Locale.ROOT, "Chunk counts (round %d): the baseline chunked %d, the database holds %d "
                        + "for the INDEXED documents and the node's index %d.", last.round(), lastBase.chunks(),
                last.first().chunks(), last.first().searchableChunks()));
        notes.add(reupload(report, last));
        notes.add("Method: the clock starts before the first upload request and stops when a sampler thread sees "
                + "this node's LiveIndex apply the last index change (GET /ingestion, polled every 250 ms, only says "
                + "when to look; /actuator/health is not polled because its model check embeds a probe). Model busy "
                + "time is the union of the supportkb.indexing.embed observations' intervals; the per-timer totals "
                + "are summed over the two worker threads, and the embed timer includes waiting for the single ONNX "
                + "session. CPU: this process's CPU time (OperatingSystemMXBean), split by JVM thread (ThreadMXBean; "
                + "the remainder is native threads), and MariaDB's and Redis's from /proc/<pid>/stat.");
        notes.add("The machine is shared and was busy with other jobs (see the load averages), so single numbers "
                + "swing widely: rounds run baseline and server in ABBA order so a load trend hits both alike, each "
                + "ratio compares two adjacent runs, and the tables report medians.");
        return notes;
    }

    private static String reupload(IngestReport report, ServerIngestRun.Result last) {
        ServerIngestRun.Phase again = last.reupload();
        return String.format(Locale.ROOT, "Re-upload (round %d): all %d documents sent again with %d edited; %d "
                        + "answered DUPLICATE at upload with no work, %d became new versions with %d chunks, of "
                        + "which %d were embedded and %d reused by content hash and model. Searchable after %.2f s "
                        + "= %.3f of the first ingest's time; %.3f of its embedding work.", last.round(),
                report.inputs().documents(), report.inputs().edited(), again.uploaded().duplicates(),
                again.uploaded().accepted(), again.newVersionChunks(), again.embedded().chunks(),
                again.newVersionChunks() - again.embedded().chunks(), again.searchableNanos() / 1e9,
                (double) again.searchableNanos() / last.first().searchableNanos(),
                (double) again.embedded().chunks() / last.first().embedded().chunks());
    }

    /** Thread groups that run the model: the embedder's caller threads and the native pool. */
    private static boolean runsTheModel(String group) {
        return group.equals(ThreadCpu.NATIVE) || group.equals("main") || group.startsWith("indexing-worker");
    }

    private static String cpu(ServerIngestRun.Result round, PlainEmbedderRun.Result base) {
        ServerIngestRun.Phase p = round.first();
        long model = 0;
        List<String> others = new ArrayList<>();
        long rest = 0;
        for (Map.Entry<String, Long> group : p.threads().nanos().entrySet()) {
            if (runsTheModel(group.getKey())) {
                model += group.getValue();
            } else {
                rest += group.getValue();
                if (others.size() < 3) {
                    others.add(String.format(Locale.ROOT, "%s %.2f s", group.getKey(), group.getValue() / 1e9));
                }
            }
        }
        long services = IngestReport.sum(p.serviceCpu());
        return String.format(Locale.ROOT, "Round %d, CPU: the embedding threads (worker callers and the native "
                        + "ONNX pool) used %.0f ms per chunk against the baseline's %.0f; the server's other "
                        + "threads %.2f s (%.1f ms per chunk), mostly %s; MariaDB and Redis %.2f s (%.1f ms per "
                        + "chunk; %.2f s during the baseline).", round.round(), model / 1e6 / p.chunks(),
                base.cpuNanos() / 1e6 / base.chunks(), rest / 1e9, rest / 1e6 / p.chunks(),
                others.isEmpty() ? "none" : String.join(", ", others), services / 1e9,
                services / 1e6 / p.chunks(), IngestReport.sum(base.serviceCpu()) / 1e9);
    }

    private static String breakdown(ServerIngestRun.Result round, PlainEmbedderRun.Result base) {
        ServerIngestRun.Phase p = round.first();
        EmbedCalls.Summary e = p.embedded();
        double wall = p.searchableNanos() / 1e9;
        double busy = e.busyNanos() / 1e9;
        double modelRate = e.chunks() / busy;
        double reuse = (double) p.chunks() / Math.max(1, e.chunks());
        double gaps = Math.max(0, wall - busy - e.headNanos() / 1e9 - e.tailNanos() / 1e9);
        return String.format(Locale.ROOT, "Round %d, where the time goes: ratio %.3f = model busy %.1f %% of the "
                        + "%.2f s x model rate while busy %.1f chunks/s / baseline %.1f (= %.3f) x chunks per chunk "
                        + "embedded %.3f. Outside the model: %.2f s before the first embedding (first batch upload, "
                        + "claim, chunking), %.2f s after the last one (commit, index poll and apply), %.2f s of gaps "
                        + "between embeddings (chunking, hash lookup, commit and claim while no other document was "
                        + "embedding).", round.round(), p.chunksPerSecond() / base.chunksPerSecond(),
                100 * busy / wall, wall, modelRate, base.chunksPerSecond(), modelRate / base.chunksPerSecond(), reuse,
                e.headNanos() / 1e9, e.tailNanos() / 1e9, gaps);
    }
}
