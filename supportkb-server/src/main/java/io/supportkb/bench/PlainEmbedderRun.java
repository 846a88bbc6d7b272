package io.supportkb.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.supportkb.ml.chunk.Chunk;
import io.supportkb.ml.chunk.Chunker;
import io.supportkb.ml.chunk.ChunkerConfig;
import io.supportkb.ml.embed.Embedder;
import io.supportkb.ml.embed.EmbedderConfig;
import io.supportkb.ml.embed.ModelSource;

/**
 * The baseline: the plain {@link Chunker} and {@link Embedder} in this process with the server's configuration
 * (bge-small-en-v1.5, the benchmark's sessions x intra-op threads, batch size 1, 256-token chunks with 32 of
 * overlap). Its embedding rate on the benchmark's own chunks is the ceiling the server's ingestion is measured
 * against: no HTTP, database, queue or index, just {@code embedPassages} over every chunk's embedding text.
 * Not thread-safe; one round at a time.
 */
final class PlainEmbedderRun implements AutoCloseable {

    /**
     * One baseline round.
     *
     * @param chunkNanos time to chunk every document (not part of the ceiling; shown for scale)
     * @param embedNanos time of one {@code embedPassages} call over all chunks: the ceiling's denominator
     * @param cpuNanos   CPU time the process used during that call ({@link ProcessCpu})
     * @param threads    that CPU time by thread group
     * @param serviceCpu CPU time of MariaDB and Redis meanwhile ({@link ServiceCpu}; other clients' work)
     */
    record Result(int round, int documents, int chunks, long chunkNanos, long embedNanos, long cpuNanos,
                  ThreadCpu threads, Map<String, Long> serviceCpu) {

        double chunksPerSecond() {
            return chunks / (embedNanos / 1e9);
        }

        double cpuSecondsPerChunk() {
            return cpuNanos / 1e9 / chunks;
        }
    }

    private final Embedder embedder;
    private final Chunker chunker;
    private final List<BenchDocument> documents;

    private PlainEmbedderRun(Embedder embedder, List<BenchDocument> documents) {
        this.embedder = embedder;
        this.chunker = new Chunker(embedder, ChunkerConfig.defaults());
        this.documents = documents;
    }

    /** Loads the model and embeds the warm-up documents' chunks once (untimed), so round 1 runs warm. */
    static PlainEmbedderRun load(EmbedderConfig config, List<BenchDocument> documents, List<BenchDocument> warmUp) {
        PlainEmbedderRun run = new PlainEmbedderRun(Embedder.load(ModelSource.of(ModelSource.DEFAULT), config),
                documents);
        run.embedder.embedPassages(run.embeddingTexts(warmUp));
        return run;
    }

    String modelId() {
        return embedder.model().id();
    }

    Result run(int round) {
        long start = System.nanoTime();
        List<String> texts = embeddingTexts(documents);
        long chunked = System.nanoTime();
        Map<String, Long> services = ServiceCpu.sample();
        Map<Long, ThreadCpu.Sample> threads = ThreadCpu.sample();
        long cpu = ProcessCpu.nanos();
        List<float[]> vectors = embedder.embedPassages(texts);
        long embedded = System.nanoTime();
        long cpuUsed = ProcessCpu.nanos() - cpu;
        ThreadCpu byThread = ThreadCpu.between(threads, ThreadCpu.sample());
        Map<String, Long> servicesUsed = ServiceCpu.between(services, ServiceCpu.sample());
        assert vectors.size() == texts.size();
        return new Result(round, documents.size(), texts.size(), chunked - start, embedded - chunked, cpuUsed,
                byThread, servicesUsed);
    }

    private List<String> embeddingTexts(List<BenchDocument> docs) {
        List<String> texts = new ArrayList<>();
        for (BenchDocument doc : docs) {
            for (Chunk chunk : chunker.chunk(doc.title(), doc.text(), doc.sourceFormat())) {
                texts.add(chunk.embeddingText());
            }
        }
        return texts;
    }

    @Override
    public void close() {
        embedder.close();
    }
}
