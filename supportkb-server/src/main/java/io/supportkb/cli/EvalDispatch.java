package io.supportkb.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import io.supportkb.ml.eval.EvalCommand;

/**
 * {@code kb eval}: the in-process evaluation of supportkb-ml ({@link EvalCommand}), or, when {@code --url} is
 * given, the same evaluation through a running server's HTTP API ({@link HttpEvalCommand}). Arguments are passed
 * through to whichever runs, so each shows its own help.
 */
@Command(name = "eval",
        header = "Evaluate retrieval on a BEIR data set (in-process; over HTTP with --url).",
        description = {"Retrieval quality on a BEIR-layout data set (nDCG@10, Recall@10/100, MRR@10, P@10).",
                "  in-process:   kb eval --dataset DIR [--mode all] [--model ...]     (kb eval --help)",
                "  through HTTP: kb eval --url URL --dataset DIR [--mode all]         (kb eval --url URL --help)"})
final class EvalDispatch implements Callable<Integer> {

    @Unmatched
    List<String> args;

    @Override
    public Integer call() {
        String[] given = args == null ? new String[0] : args.toArray(String[]::new);
        boolean overHttp = args != null && args.stream().anyMatch(a -> a.equals("--url") || a.startsWith("--url="));
        if (overHttp) {
            return new CommandLine(new HttpEvalCommand()).setCommandName("kb eval").execute(given);
        }
        CommandLine inProcess = new CommandLine(new EvalCommand()).setCommandName("kb eval");
        inProcess.getCommandSpec().usageMessage().footer("",
                "With --url URL, the same evaluation runs through a running server's HTTP API instead: the corpus is "
                        + "ingested and every query asked over HTTP (kb eval --url URL --help).");
        return inProcess.execute(given);
    }
}
