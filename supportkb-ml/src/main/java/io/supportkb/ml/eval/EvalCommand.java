package io.supportkb.ml.eval;

import io.supportkb.ml.chunk.ChunkerConfig;
import io.supportkb.ml.embed.EmbedderConfig;
import io.supportkb.ml.embed.ModelSource;
import io.supportkb.ml.index.Fusion;
import io.supportkb.ml.index.IndexConfig;
import io.supportkb.ml.index.SearchMode;
import io.supportkb.ml.index.VectorFeedback;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kb eval}: in-process retrieval evaluation on a BEIR-layout data set. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Index a BEIR-layout data set through SupportKB's chunker, embedder and index, run its queries "
                + "and write nDCG@10, Recall@10/100, MRR@10, P@10 (and intent accuracy) plus TREC run files.")
public final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    EvalSetOptions set;

    @Option(names = "--model", defaultValue = ModelSource.DEFAULT,
            description = "built-in model (bge-small-en-v1.5, all-minilm-l6-v2, e5-small-v2) or a model folder")
    String model;

    @Option(names = "--out", description = "report folder (default: bench/results/<time>-eval-<dataset>-<model>)")
    Path out;

    @Option(names = "--chunk-tokens", defaultValue = "256", description = "chunk budget in model tokens (default: ${DEFAULT-VALUE})")
    int chunkTokens;

    @Option(names = "--overlap-tokens", defaultValue = "32", description = "overlap between split pieces (default: ${DEFAULT-VALUE})")
    int overlapTokens;

    @Option(names = "--candidates", defaultValue = "300",
            description = "chunks per retriever before grouping by document; kNN efSearch (default: ${DEFAULT-VALUE})")
    int candidates;

    @Option(names = "--exact-max-chunks", defaultValue = "" + IndexConfig.DEFAULT_EXACT_SEARCH_MAX_CHUNKS,
            description = "kNN scans every chunk exactly when the collection has at most this many, else walks the "
                    + "HNSW graph; 0: always the graph (default: ${DEFAULT-VALUE}, as the server)")
    int exactMaxChunks;

    @Option(names = "--fusion", defaultValue = "rrf",
            description = "how hybrid mode fuses the two lists: rrf (reciprocal rank fusion) or convex "
                    + "((1 - λ)·norm(cosine) + λ·norm(bm25), Bruch et al. 2023) (default: ${DEFAULT-VALUE})")
    String fusion;

    @Option(names = "--rrf-k", defaultValue = "60", description = "reciprocal rank fusion constant (default: ${DEFAULT-VALUE})")
    int rrfK;

    @Option(names = "--keyword-weight",
            description = "rrf: weight of the BM25 list, the vector list's is 1 (default 1); "
                    + "convex: λ, BM25's share in [0, 1] (default 0.5)")
    Float keywordWeight;

    @Option(names = "--query-as-passage",
            description = "embed queries as passages, without the retrieval instruction (symmetric search)")
    boolean queryAsPassage;

    @Option(names = "--feedback-docs", defaultValue = "0", description = "pseudo-relevance feedback for kNN: move the "
            + "query vector towards the best chunks of this many first-pass documents (0: off; default: ${DEFAULT-VALUE})")
    int feedbackDocs;

    @Option(names = "--feedback-weight", defaultValue = "1", description = "how far the query moves towards them, "
            + "(0, 10] (default: ${DEFAULT-VALUE})")
    float feedbackWeight;

    @Option(names = "--cache", description = "passage-vector cache folder, reused across runs (default: none)")
    Path cache;

    @Option(names = "--sessions", defaultValue = "1", description = "ONNX sessions (default: ${DEFAULT-VALUE})")
    int sessions;

    @Option(names = "--threads", defaultValue = "2", description = "intra-op threads per session (default: ${DEFAULT-VALUE})")
    int threads;

    @Override
    public Integer call() throws Exception {
        List<SearchMode> modes = set.modes();
        String dataName = set.dataset.toAbsolutePath().normalize().getFileName().toString();
        Path target = out != null ? out : Path.of("bench", "results",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-eval-" + dataName + "-"
                        + Path.of(model).getFileName());
        IndexConfig index = indexConfig();
        EvalRunner.Settings settings = new EvalRunner.Settings(set.dataset, set.split, modes, model, target,
                new ChunkerConfig(chunkTokens, overlapTokens), index, candidates, 100, cache,
                new EmbedderConfig(sessions, threads, 1, false), queryAsPassage, feedback());
        EvalReport report = new EvalRunner(settings, System.out).run();
        System.out.println();
        System.out.println(report.toMarkdown());
        System.out.println("report: " + target.resolve("report.md"));
        return 0;
    }

    /** HNSW and BM25 defaults with this run's fusion; a bad {@code --fusion} or weight is a usage error. */
    private IndexConfig indexConfig() {
        Fusion fusionKind;
        try {
            fusionKind = Fusion.named(fusion);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--fusion must be rrf or convex, was '" + fusion + "'");
        }
        // Unsaid, both fusions weigh the two lists equally: RRF weight 1, convex λ 0.5.
        float weight = keywordWeight != null ? keywordWeight : fusionKind == Fusion.RRF ? 1f : 0.5f;
        // IndexConfig checks the weight's range for the fusion (convex: λ in [0, 1]); its message becomes the usage error.
        IndexConfig defaults = IndexConfig.defaults();
        try {
            return new IndexConfig(defaults.hnswM(), defaults.hnswBeamWidth(), rrfK, defaults.defaultCandidates(),
                    defaults.bm25K1(), defaults.bm25B(), weight, fusionKind, exactMaxChunks);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The feedback settings, or null when off; an out-of-range value is a usage error. */
    private VectorFeedback feedback() {
        if (feedbackDocs == 0) {
            return null;
        }
        try {
            return new VectorFeedback(feedbackDocs, feedbackWeight);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new EvalCommand()).execute(args));
    }
}
