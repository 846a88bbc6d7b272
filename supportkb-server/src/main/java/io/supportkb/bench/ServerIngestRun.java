package io.supportkb.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.supportkb.indexing.IndexChangeLog;
import io.supportkb.indexing.LiveIndex;
import tools.jackson.databind.JsonNode;

/**
 * The candidate: one round against a fresh in-process server. Creates a warm-up collection and waits for it (so
 * the model and the code paths are warm, as the baseline's are), then the measured first ingest of the corpus
 * into collection {@value #COLLECTION}, then the re-upload of the same corpus with a few documents edited. Each
 * round needs its own server: stored embeddings are reused by content hash across collections, so a second
 * ingest of the same texts into the same database would embed nothing.
 */
final class ServerIngestRun {

    static final String COLLECTION = "bench";

    /**
     * One upload-to-searchable phase.
     *
     * @param chunks           chunks of the collection's INDEXED documents (database)
     * @param searchableChunks chunks of the collection in this node's Lucene index
     * @param newVersionChunks chunks of INDEXED documents with version > 1 (the re-indexed ones)
     * @param uploadNanos      from the first request to the last answer
     * @param searchableNanos  from the first request until everything was searchable
     * @param cpuNanos         CPU time this process used meanwhile ({@link ProcessCpu}): server and client
     * @param threads          that CPU time by thread group
     * @param serviceCpu       CPU time of MariaDB and Redis meanwhile ({@link ServiceCpu})
     */
    record Phase(KbHttp.Uploaded uploaded, int chunks, int searchableChunks, int newVersionChunks, long uploadNanos,
                 long searchableNanos, long cpuNanos, ThreadCpu threads, Map<String, Long> serviceCpu,
                 EmbedCalls.Summary embedded, StageTimes stages) {

        double chunksPerSecond() {
            return chunks / (searchableNanos / 1e9);
        }

        double cpuSecondsPerChunk() {
            return cpuNanos / 1e9 / chunks;
        }
    }

    record Result(int round, long startupNanos, Phase first, Phase reupload, String state) {
    }

    /** What every round shares. */
    record Settings(ServerMode mode, String runName, InProcessServer.Services services, List<String> properties,
                    boolean keep, int batchLines, Duration timeout) {
    }

    private final Settings settings;

    ServerIngestRun(Settings settings) {
        this.settings = settings;
    }

    Result run(int round, List<BenchDocument> corpus, List<BenchDocument> warmUp, List<BenchDocument> edited)
            throws IOException, InterruptedException {
        long starting = System.nanoTime();
        try (InProcessServer server = InProcessServer.start(settings.mode(), settings.runName() + "_r" + round,
                settings.services(), settings.properties(), settings.keep())) {
            long startup = System.nanoTime() - starting;
            IngestBenchmark.log("round %d: server up in %.1f s (%s)", round, startup / 1e9, server.stateDescription());
            KbHttp http = new KbHttp(server.port());
            EmbedCalls embeds = EmbedCalls.recordOn(server.bean(ObservationRegistry.class));
            LiveIndex index = server.bean(LiveIndex.class);
            try (SearchableClock clock = new SearchableClock(index, server.bean(IndexChangeLog.class))) {
                if (!warmUp.isEmpty()) {
                    http.createCollection("warmup");
                    KbHttp.Uploaded up = upload(http, "warmup", warmUp);
                    clock.awaitSearchable(http, "warmup", new SearchableClock.Expected(up.accepted(), 0),
                            settings.timeout());
                    IngestBenchmark.log("round %d: warm-up of %d documents searchable", round, warmUp.size());
                }
                http.createCollection(COLLECTION);
                PhaseRun phases = new PhaseRun(http, clock, embeds, server.bean(MeterRegistry.class), index);
                Phase first = phases.measure(corpus, up -> new SearchableClock.Expected(up.accepted(), 0));
                IngestBenchmark.log("round %d: first ingest %d chunks searchable in %.1f s = %.1f chunks/s", round,
                        first.chunks(), first.searchableNanos() / 1e9, first.chunksPerSecond());
                // each accepted line is a new version; once indexed it replaces (DELETED) its predecessor
                Phase again = phases.measure(edited,
                        up -> new SearchableClock.Expected(first.uploaded().accepted(), up.accepted()));
                IngestBenchmark.log("round %d: re-upload (%d new versions) searchable in %.2f s, %d chunks embedded",
                        round, again.uploaded().accepted(), again.searchableNanos() / 1e9, again.embedded().chunks());
                return new Result(round, startup, first, again, server.stateDescription());
            }
        }
    }

    private KbHttp.Uploaded upload(KbHttp http, String collection, List<BenchDocument> docs) {
        KbHttp.Uploaded total = new KbHttp.Uploaded(0, 0, 0);
        for (int from = 0; from < docs.size(); from += settings.batchLines()) {
            List<String> lines = docs.subList(from, Math.min(docs.size(), from + settings.batchLines())).stream()
                    .map(BenchDocument::toJsonLine).toList();
            total = total.plus(http.upload(collection, lines));
        }
        return total;
    }

    /** Measures one phase in the benchmark collection. */
    private final class PhaseRun {
        private final KbHttp http;
        private final SearchableClock clock;
        private final EmbedCalls embeds;
        private final MeterRegistry meters;
        private final LiveIndex index;

        PhaseRun(KbHttp http, SearchableClock clock, EmbedCalls embeds, MeterRegistry meters, LiveIndex index) {
            this.http = http;
            this.clock = clock;
            this.embeds = embeds;
            this.meters = meters;
            this.index = index;
        }

        /** Uploads {@code docs} and waits for the document counts {@code expected} derives from the upload's answer. */
        Phase measure(List<BenchDocument> docs, Function<KbHttp.Uploaded, SearchableClock.Expected> expected) {
            StageTimes before = StageTimes.of(meters);
            Map<String, Long> services = ServiceCpu.sample();
            Map<Long, ThreadCpu.Sample> threads = ThreadCpu.sample();
            long cpu = ProcessCpu.nanos();
            long start = System.nanoTime();
            KbHttp.Uploaded up = upload(http, COLLECTION, docs);
            long uploaded = System.nanoTime();
            long searchable = clock.awaitSearchable(http, COLLECTION, expected.apply(up), settings.timeout());
            long cpuUsed = ProcessCpu.nanos() - cpu;
            ThreadCpu byThread = ThreadCpu.between(threads, ThreadCpu.sample());
            Map<String, Long> servicesUsed = ServiceCpu.between(services, ServiceCpu.sample());
            StageTimes stages = StageTimes.of(meters).minus(before);
            int chunks = 0;
            int newVersionChunks = 0;
            for (JsonNode doc : http.documents(COLLECTION, "INDEXED")) {
                chunks += doc.path("chunkCount").asInt();
                newVersionChunks += doc.path("version").asInt() > 1 ? doc.path("chunkCount").asInt() : 0;
            }
            return new Phase(up, chunks, index.chunkCount(COLLECTION), newVersionChunks, uploaded - start,
                    searchable - start, cpuUsed, byThread, servicesUsed, embeds.between(start, searchable), stages);
        }
    }
}
