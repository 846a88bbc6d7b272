package io.supportkb.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run ingests: the measured documents, the warm-up documents (SciFact documents that are never measured:
 * those after the measured ones, or the first ones when the demo is measured), and the re-upload, which is the
 * corpus with {@code edited} documents, evenly spread, changed by one appended sentence.
 */
record IngestWorkload(List<BenchDocument> documents, List<BenchDocument> warmUp, List<BenchDocument> reupload,
                      int edited) {

    static final String EDIT = "This summary was reviewed again during the knowledge base refresh.";

    /**
     * @param corpus          {@code scifact} (the BEIR corpus in {@code dataset}) or {@code demo}
     * @param editedPercent   share of the documents edited for the re-upload, 0 to 100
     */
    static IngestWorkload prepare(String corpus, Path dataset, Path demo, int documents, int warmUpDocuments,
                                  double editedPercent) {
        boolean isDemo = corpus.equals("demo");
        List<BenchDocument> docs = isDemo ? BenchCorpus.demo(demo, documents) : BenchCorpus.beir(dataset, 0, documents);
        List<BenchDocument> warmUp = List.of();
        if (warmUpDocuments > 0 && Files.isRegularFile(dataset.resolve("corpus.jsonl"))) {
            warmUp = BenchCorpus.beir(dataset, isDemo ? 0 : documents, warmUpDocuments);
        } else if (warmUpDocuments > 0) {
            IngestBenchmark.log("no %s: running without warm-up", dataset.resolve("corpus.jsonl"));
        }
        int edited = (int) Math.round(docs.size() * editedPercent / 100.0);
        List<BenchDocument> reupload = new ArrayList<>(docs);
        for (int k = 0; k < edited; k++) {
            int i = (int) ((long) k * docs.size() / edited);
            reupload.set(i, docs.get(i).withAppendedSentence(EDIT));
        }
        return new IngestWorkload(List.copyOf(docs), warmUp, List.copyOf(reupload), edited);
    }
}
