package io.supportkb.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A four-document BEIR folder (corpus, queries, test qrels) for evaluation tests. */
final class TinyBeir {

    private TinyBeir() {
    }

    static Path write(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("qrels"));
        Files.writeString(folder.resolve("corpus.jsonl"), """
                {"_id":"d1","title":"Refund policy","text":"Annual plans can be refunded in full within 30 days of purchase."}
                {"_id":"d2","title":"Printing labels","text":"Thermal printers print 4x6 inch shipping labels through the Sync Agent."}
                {"_id":"d3","title":"Customs declarations","text":"International parcels need an HS code, the value and the country of origin."}
                {"_id":"d4","title":"Team members","text":"Invite colleagues as admins or packers from the settings page."}
                """);
        Files.writeString(folder.resolve("queries.jsonl"), """
                {"_id":"q1","text":"can I get my money back for a yearly plan"}
                {"_id":"q2","text":"what does a customs form need for shipping abroad"}
                {"_id":"q3","text":"a query without judgments is not evaluated"}
                """);
        Files.writeString(folder.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td3\t1\n");
        return folder;
    }
}
