package io.supportkb.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import io.supportkb.ml.bench.AnswerBenchmark;
import io.supportkb.ml.bench.EmbeddingBenchmark;
import io.supportkb.ml.bench.GenerationBenchmark;
import io.supportkb.ml.bench.SearchBenchmark;

/** {@code kb bench}: the supportkb-ml benchmark programs, arguments passed through as they are. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Run the ML core benchmarks (embedding, search, answer, generation).",
        description = "Reports go to bench/results/.",
        subcommands = {BenchCommand.Embedding.class, BenchCommand.Search.class, BenchCommand.Answer.class,
                BenchCommand.Generation.class})
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs a benchmark's {@code main}; a bad option ends with its message (exit code 2), not a stack trace. */
    abstract static class Passthrough implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Unmatched
        List<String> args;

        abstract void main(String[] args) throws Exception;

        @Override
        public Integer call() throws Exception {
            List<String> given = args == null ? List.of() : args;
            if (given.contains("--help") || given.contains("-h")) {
                spec.commandLine().usage(System.out);
                return 0;
            }
            try {
                main(given.toArray(String[]::new));
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("kb bench " + spec.name() + ": " + e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "embedding",
            description = {"Embedding throughput of the Embedder against a plain ONNX Runtime session on SciFact passages.",
                    "Options (--name value): --dataset DIR, --passages N, --rounds N, --warmup N, --out DIR, --int8-jar JAR"})
    static final class Embedding extends Passthrough {

        @Override
        void main(String[] args) throws Exception {
            EmbeddingBenchmark.main(args);
        }
    }

    @Command(name = "search",
            description = {"HNSW recall and speed against exact search on synthetic vectors, the index's exact scan "
                    + "against HNSW by collection size, and SciFact query latency.",
                    "Options (--name value): --vectors N, --dimensions N, --clusters N, --queries N, --ef 10,50,..., "
                            + "--rounds N, --seed N, --dataset DIR, --docs N, --real-queries N, --out DIR, "
                            + "--exact-sizes 5000,10000,..., --exact-k 100,300, --part synthetic|exact|scifact|all"})
    static final class Search extends Passthrough {

        @Override
        void main(String[] args) throws Exception {
            SearchBenchmark.main(args);
        }
    }

    @Command(name = "answer",
            description = {"Latency of the extractive answer on top of query embedding + hybrid search, on the demo "
                    + "knowledge base and its 30 questions.",
                    "Options (--name value): --rounds N, --demo DIR, --out DIR"})
    static final class Answer extends Passthrough {

        @Override
        void main(String[] args) throws Exception {
            AnswerBenchmark.main(args);
        }
    }

    @Command(name = "generation",
            description = {"Tokens/s of the in-process Jlama answerer model on a generated tiny model, against "
                    + "Jlama's own generate and a bare decoding loop.",
                    "Options (--name value): --rounds N, --generations N, --tokens N, --hidden N, --layers N, "
                            + "--threads N, --out DIR"})
    static final class Generation extends Passthrough {

        @Override
        void main(String[] args) throws Exception {
            GenerationBenchmark.main(args);
        }
    }
}
