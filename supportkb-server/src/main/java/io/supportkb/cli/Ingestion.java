package io.supportkb.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Upload, wait for indexing, find what failed: the flow shared by {@code kb ingest} and {@code kb demo}. */
final class Ingestion {

    private final KbClient client;
    private final PrintStream err;

    Ingestion(KbClient client, PrintStream err) {
        this.client = client;
        this.err = err;
    }

    IngestSummary run(String collection, List<Source> sources, boolean wait) {
        List<Submitted> submitted = new Uploader(client, collection).upload(sources);
        if (!wait) {
            return new IngestSummary(submitted, Map.of(), false);
        }
        Set<String> accepted = submitted.stream().filter(s -> s.outcome() == Submitted.Outcome.ACCEPTED)
                .map(Submitted::documentId).collect(Collectors.toSet());
        IndexingWait waiting = new IndexingWait(client, err);
        waiting.awaitIndexed(collection, accepted.size());
        waiting.awaitSearchable();
        return new IngestSummary(submitted, new DocumentOutcomes(client).unindexed(collection, accepted), true);
    }
}
