package io.supportkb.ml.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A retrieval evaluation set in the BEIR folder layout: {@code corpus.jsonl}, {@code queries.jsonl} and
 * {@code qrels/<split>.tsv} (see {@link Qrels#read(Path)}).
 *
 * <p>As in BEIR's {@code GenericDataLoader}, only the queries that have judgments are evaluated (SciFact's
 * {@code queries.jsonl} holds 1,109 queries, its test qrels 300). Sets whose queries and documents carry
 * {@code metadata.intent} (banking77) can instead be judged by {@link Relevance#SAME_INTENT}; banking77's
 * shipped {@code qrels/test.tsv} is exactly that rule written out (400,120 lines), so both give the same
 * numbers and the shipped file is preferred.
 *
 * <p>The split {@value #HOLDOUT_SPLIT} is a validation split carved from the corpus, for choosing settings
 * without looking at the test queries: every {@value #HOLDOUT_EVERY}th corpus document by file order (1-based
 * positions 10, 20, 30, …) becomes a query (same id and metadata; its text, after its title if it has one) and is removed from the corpus;
 * relevant are the remaining documents with the same {@code metadata.intent}. It needs an intent on every
 * corpus document, never reads {@code queries.jsonl} or {@code qrels/}, and is the same on every run. Banking77
 * (10,003 documents sorted by intent, 35 to 187 per intent) gives 1,000 queries over 9,003 documents covering all
 * 77 intents, 3 to 18 per intent, roughly in proportion to the intent sizes.
 *
 * <p>The splits {@code holdout-0} … {@code holdout-9} are its ten folds, for cross-validation: fold {@code k}
 * holds out the documents at 1-based positions {@code p} with {@code p mod 10 = k}, so {@code holdout-0} is
 * {@value #HOLDOUT_SPLIT} itself, and across the ten folds every corpus document is a query exactly once (Banking77:
 * 10,003 queries). Pooling the folds gives a selection ten times larger than one fold, about three times less
 * noisy.
 *
 * <p>The corpus is held in memory (tens of thousands of documents are fine); {@link #streamCorpus(Path)}
 * reads lazily for larger sets. Instances are immutable and thread-safe.
 */
public final class BeirDataset {

    /** Split evaluated when none is named, as in BEIR. */
    public static final String DEFAULT_SPLIT = "test";

    /** The validation split carved from the corpus; see the class comment. */
    public static final String HOLDOUT_SPLIT = "holdout";

    /** Every this-many-th corpus document (by 1-based file position) is held out as a query. */
    public static final int HOLDOUT_EVERY = 10;

    private static final Pattern HOLDOUT_FOLD = Pattern.compile(HOLDOUT_SPLIT + "(?:-([0-9]))?");

    /** Where relevance comes from. */
    public enum Relevance {
        /** {@code qrels/<split>.tsv}. */
        QRELS_FILE,
        /**
         * {@link Qrels#byIntent}: a document is relevant (grade 1) iff its {@code metadata.intent} equals the
         * query's. Queries whose {@code metadata.split} is present and differs from the split are skipped. For
         * {@value #HOLDOUT_SPLIT} the queries are the held-out corpus documents.
         */
        SAME_INTENT
    }

    private static final Logger log = LoggerFactory.getLogger(BeirDataset.class);

    private final String name;
    private final Path directory;
    private final String split;
    private final Relevance relevance;
    private final List<CorpusDoc> corpus;
    private final List<Query> queries;
    private final Qrels qrels;

    private BeirDataset(Path directory, String split, Relevance relevance, List<CorpusDoc> corpus,
            List<Query> queries, Qrels qrels) throws IOException {
        if (queries.isEmpty()) {
            throw new IOException("split '" + split + "' of " + directory + " has no judged queries (splits: the qrels/"
                    + " file names, " + HOLDOUT_SPLIT + ", " + HOLDOUT_SPLIT + "-0 … -" + (HOLDOUT_EVERY - 1) + ")");
        }
        this.name = directory.toAbsolutePath().normalize().getFileName().toString();
        this.directory = directory;
        this.split = split;
        this.relevance = relevance;
        this.corpus = List.copyOf(corpus);
        this.queries = List.copyOf(queries);
        this.qrels = qrels;
    }

    /** Loads the {@value #DEFAULT_SPLIT} split; see {@link #load(Path, String)}. */
    public static BeirDataset load(Path directory) throws IOException {
        return load(directory, DEFAULT_SPLIT);
    }

    /**
     * Loads a split, judged by {@code qrels/<split>.tsv} when that file exists, otherwise by
     * {@link Relevance#SAME_INTENT} when every query carries {@code metadata.intent}; {@value #HOLDOUT_SPLIT}
     * is always carved from the corpus (see the class comment).
     *
     * @throws IOException when a file is missing or malformed, or no source of relevance exists
     */
    public static BeirDataset load(Path directory, String split) throws IOException {
        int fold = holdoutFold(split);
        if (fold >= 0) {
            return holdout(directory, split, fold);
        }
        if (Files.isRegularFile(qrelsFile(directory, split))) {
            return load(directory, split, Relevance.QRELS_FILE);
        }
        List<Query> allQueries = readAll(streamQueries(directory.resolve("queries.jsonl")));
        if (!allQueries.isEmpty() && allQueries.stream().allMatch(q -> q.intent().isPresent())) {
            return load(directory, split, Relevance.SAME_INTENT, allQueries);
        }
        throw new IOException("No relevance judgments for split '" + split + "': " + qrelsFile(directory, split)
                + " does not exist and the queries carry no metadata.intent");
    }

    /** Loads a split with an explicit source of relevance. */
    public static BeirDataset load(Path directory, String split, Relevance relevance) throws IOException {
        int fold = holdoutFold(split);
        if (fold >= 0) {
            if (relevance != Relevance.SAME_INTENT) {
                throw new IOException("split '" + split + "' is carved from the corpus and judged by "
                        + "same intent; it has no qrels file");
            }
            return holdout(directory, split, fold);
        }
        return load(directory, split, relevance, readAll(streamQueries(directory.resolve("queries.jsonl"))));
    }

    /** Whether {@code split} is {@value #HOLDOUT_SPLIT} or one of its folds {@code holdout-0} … {@code holdout-9}. */
    public static boolean isHoldout(String split) {
        return holdoutFold(split) >= 0;
    }

    /** The fold a holdout split names (0 for {@value #HOLDOUT_SPLIT} and {@code holdout-0}), or -1 for other splits. */
    private static int holdoutFold(String split) {
        var matcher = HOLDOUT_FOLD.matcher(split);
        if (!matcher.matches()) {
            return -1;
        }
        return matcher.group(1) == null ? 0 : Integer.parseInt(matcher.group(1));
    }

    private static BeirDataset holdout(Path directory, String split, int fold) throws IOException {
        Path corpusFile = directory.resolve("corpus.jsonl");
        List<CorpusDoc> all = readAll(streamCorpus(corpusFile));
        List<CorpusDoc> kept = new ArrayList<>(all.size());
        List<Query> heldOut = new ArrayList<>(all.size() / HOLDOUT_EVERY + 1);
        for (int i = 0; i < all.size(); i++) {
            CorpusDoc doc = all.get(i);
            if (doc.intent().isEmpty()) {
                throw new IOException("split '" + split + "' judges by metadata.intent, but document '"
                        + doc.id() + "' (line " + (i + 1) + " of " + corpusFile + ") has none");
            }
            if ((i + 1) % HOLDOUT_EVERY == fold) {
                var metadata = new LinkedHashMap<>(doc.metadata());
                metadata.put("split", split);
                String text = doc.title().isBlank() ? doc.text() : doc.title() + "\n" + doc.text();
                heldOut.add(new Query(doc.id(), text, metadata));
            } else {
                kept.add(doc);
            }
        }
        // A held-out document whose intent has no other document left has nothing to find: byIntent drops it.
        Qrels qrels = Qrels.byIntent(kept, heldOut);
        List<Query> evaluated = heldOut.stream().filter(q -> qrels.contains(q.id())).toList();
        return new BeirDataset(directory, split, Relevance.SAME_INTENT, kept, evaluated, qrels);
    }

    private static BeirDataset load(Path directory, String split, Relevance relevance, List<Query> allQueries)
            throws IOException {
        List<CorpusDoc> corpus = readAll(streamCorpus(directory.resolve("corpus.jsonl")));
        Qrels qrels = switch (relevance) {
            case QRELS_FILE -> Qrels.read(qrelsFile(directory, split));
            case SAME_INTENT -> Qrels.byIntent(corpus, allQueries.stream()
                    .filter(q -> !(q.metadata().get("split") instanceof String s) || s.equals(split))
                    .toList());
        };
        var queriesById = new LinkedHashMap<String, Query>();
        allQueries.forEach(q -> queriesById.put(q.id(), q));
        for (String queryId : qrels.queryIds()) {
            if (!queriesById.containsKey(queryId)) {
                throw new IOException(qrelsFile(directory, split) + ": query '" + queryId
                        + "' is not in " + directory.resolve("queries.jsonl"));
            }
        }
        warnAboutJudgedDocumentsMissingFromCorpus(directory, corpus, qrels);
        List<Query> evaluated = allQueries.stream().filter(q -> qrels.contains(q.id())).toList();
        return new BeirDataset(directory, split, relevance, corpus, evaluated, qrels);
    }

    /**
     * Lazily reads a {@code corpus.jsonl}; close the stream. {@code _id} and {@code text} are required,
     * {@code title} defaults to {@code ""}, {@code metadata} to empty. Errors surface as
     * {@link UncheckedIOException} naming file and line.
     */
    public static Stream<CorpusDoc> streamCorpus(Path corpusJsonl) throws IOException {
        return JsonLines.read(corpusJsonl, (node, at) -> new CorpusDoc(
                JsonLines.requiredText(node, "_id", at),
                JsonLines.optionalText(node, "title"),
                JsonLines.requiredText(node, "text", at),
                JsonLines.metadata(node, at)));
    }

    /** Lazily reads a {@code queries.jsonl}; close the stream. {@code _id} and {@code text} are required. */
    public static Stream<Query> streamQueries(Path queriesJsonl) throws IOException {
        return JsonLines.read(queriesJsonl, (node, at) -> new Query(
                JsonLines.requiredText(node, "_id", at),
                JsonLines.requiredText(node, "text", at),
                JsonLines.metadata(node, at)));
    }

    /** The folder name, e.g. {@code scifact}. */
    public String name() {
        return name;
    }

    public Path directory() {
        return directory;
    }

    public String split() {
        return split;
    }

    public Relevance relevance() {
        return relevance;
    }

    /** Where this split's queries and judgments come from, in one line for reports. */
    public String splitDescription() {
        int fold = holdoutFold(split);
        if (fold >= 0) {
            String which = fold == 0 ? "every " + HOLDOUT_EVERY + "th corpus document"
                    : "every corpus document at a position p with p mod " + HOLDOUT_EVERY + " = " + fold;
            return split + ": " + which + " by file order is a query and "
                    + "left out of the corpus; relevant = remaining documents with the same metadata.intent";
        }
        return split + ": queries.jsonl judged by " + switch (relevance) {
            case QRELS_FILE -> "qrels/" + split + ".tsv";
            case SAME_INTENT -> "same metadata.intent";
        };
    }

    /** All documents, in file order. */
    public List<CorpusDoc> corpus() {
        return corpus;
    }

    /** The queries to evaluate (those with judgments), in {@code queries.jsonl} order. */
    public List<Query> queries() {
        return queries;
    }

    public Qrels qrels() {
        return qrels;
    }

    @Override
    public String toString() {
        return "BeirDataset[" + name + "/" + split + ": " + corpus.size() + " docs, " + queries.size()
                + " queries, " + qrels.size() + " judgments, " + relevance + "]";
    }

    private static Path qrelsFile(Path directory, String split) {
        return directory.resolve("qrels").resolve(split + ".tsv");
    }

    private static <T> List<T> readAll(Stream<T> stream) throws IOException {
        try (stream) {
            return stream.toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void warnAboutJudgedDocumentsMissingFromCorpus(Path directory, List<CorpusDoc> corpus, Qrels qrels) {
        var ids = new HashSet<String>(corpus.size() * 2);
        corpus.forEach(doc -> ids.add(doc.id()));
        long missing = qrels.asMap().values().stream()
                .flatMap(judged -> judged.keySet().stream())
                .distinct()
                .filter(id -> !ids.contains(id))
                .count();
        if (missing > 0) {
            // They stay in the qrels, as in BEIR: they lower recall, which is the honest answer.
            log.warn("{}: {} judged documents are not in corpus.jsonl; check that the qrels belong to this corpus",
                    directory, missing);
        }
    }
}
