package io.supportkb.search;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import io.supportkb.indexing.LiveIndex;
import io.supportkb.support.Api;

/**
 * Calibrates the no-good-match threshold of the configured model on the Parcelly demo knowledge base: ingests
 * {@code demo/} through the API, asks the 30 in-scope questions of {@code demo/queries.jsonl} and 30 questions
 * about other products and domains, and prints the best vector cosine of each and the threshold that separates
 * them best. Not part of the normal build (slow): run with {@code -Dcalibrate=true}
 * ({@code -Dsupportkb.indexing.model.name=...} for another model). The numbers go into application.yaml.
 */
@SearchModeTest
@EnabledIfSystemProperty(named = "calibrate", matches = "true")
class NoGoodMatchCalibrationTest {

    /** About other products and domains; the last ten are deliberately close to Parcelly's vocabulary. */
    static final List<String> OFF_TOPIC = List.of(
            "How do I connect my smart thermostat to Wi-Fi?",
            "Which vaccines does my dog need before staying at a kennel?",
            "what is the best way to cook risotto",
            "How do I change the oil in a 2015 Honda Civic?",
            "How do I reset my Samsung TV to factory settings?",
            "what are the symptoms of vitamin D deficiency",
            "Why does my sourdough bread not rise?",
            "How many players are on a rugby union team?",
            "What's the capital of Australia?",
            "how do i repot an orchid",
            "How can I improve my chess openings?",
            "What is the difference between a Roth IRA and a traditional IRA?",
            "What time does the Louvre open on Sundays?",
            "How should I train for a half marathon?",
            "how do I knit a scarf as a beginner",
            "Which antibiotics are used for strep throat?",
            "What is the rule of thirds in photography?",
            "How long should I boil an egg?",
            "how do I jump start a car battery",
            "Can I stream PlayStation games to my phone?",
            // near the domain: other products' accounts, errors, subscriptions, deliveries
            "How do I cancel my Netflix subscription?",
            "My washing machine shows error E21, what should I do?",
            "How do I set up two-factor authentication in Microsoft Outlook?",
            "How do I transfer my Spotify playlists to Apple Music?",
            "How do I renew my passport?",
            "How do I unclog a kitchen sink?",
            "How do I install Python packages with pip?",
            "How do I book a table with OpenTable?",
            "My Uber Eats order never arrived, can I get my money back?",
            "How do I update the firmware on my Canon camera?");

    @Autowired
    MockMvc mvc;
    @Autowired
    LiveIndex index;

    @Test
    void printsTheCosineDistributionsAndTheBestThreshold() throws Exception {
        Path demo = Path.of("..", "demo").toAbsolutePath().normalize();
        Api api = new Api(mvc);
        String c = api.newCollection("calibration");
        List<String> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(demo.resolve("articles"))) {
            for (Path file : files.sorted().toList()) {
                ids.add(upload(c, file, "article"));
            }
        }
        try (Stream<Path> files = Files.list(demo.resolve("runbooks"))) {
            for (Path file : files.sorted().toList()) {
                ids.add(upload(c, file, "runbook"));
            }
        }
        ids.add(upload(c, demo.resolve("faq.md"), "faq"));
        String report = new String(mvc.perform(post("/api/v1/collections/" + c + "/documents")
                        .contentType("application/x-ndjson").content(Files.readAllBytes(demo.resolve("tickets.jsonl"))))
                .andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        ids.addAll(JsonPath.read(report, "$.results[*].documentId"));
        for (String id : ids) {
            Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500))
                    .until(() -> "INDEXED".equals(api.status(c, id)));
        }
        new KnowledgeBase(mvc, index).awaitApplied();

        List<Double> inScope = new ArrayList<>();
        for (String line : Files.readAllLines(demo.resolve("queries.jsonl"))) {
            if (!line.isBlank()) {
                inScope.add(bestCosine(c, JsonPath.read(line, "$.text")));
            }
        }
        List<Double> offTopic = new ArrayList<>();
        for (String q : OFF_TOPIC) {
            offTopic.add(bestCosine(c, q));
        }
        StringBuilder out = new StringBuilder("model " + JsonPath.read(query(c, "x"), "$.modelId") + "\n");
        out.append("in-scope  ").append(stats(inScope)).append('\n');
        out.append("off-topic ").append(stats(offTopic)).append('\n');
        out.append("off-topic far  ").append(stats(offTopic.subList(0, 20))).append('\n');
        out.append("off-topic near ").append(stats(offTopic.subList(20, 30))).append('\n');
        double bestThreshold = 0;
        int bestCorrect = -1;
        for (int t = 0; t <= 1000; t++) {
            double threshold = t / 1000.0;
            int correct = (int) (inScope.stream().filter(v -> v >= threshold).count()
                    + offTopic.stream().filter(v -> v < threshold).count());
            if (correct > bestCorrect) {
                bestCorrect = correct;
                bestThreshold = threshold;
            }
        }
        double lastBest = bestThreshold;
        for (int t = (int) (bestThreshold * 1000); t <= 1000; t++) {
            double threshold = t / 1000.0;
            int correct = (int) (inScope.stream().filter(v -> v >= threshold).count()
                    + offTopic.stream().filter(v -> v < threshold).count());
            if (correct == bestCorrect) {
                lastBest = threshold;
            }
        }
        out.append(String.format(Locale.ROOT, "best thresholds %.3f..%.3f: %d of %d correct%n", bestThreshold,
                lastBest, bestCorrect, inScope.size() + offTopic.size()));
        for (double threshold : List.of(0.5, 0.55, 0.6, 0.65, 0.7)) {
            long missed = inScope.stream().filter(v -> v < threshold).count();
            long caught = offTopic.stream().filter(v -> v < threshold).count();
            out.append(String.format(Locale.ROOT, "at %.2f: in-scope flagged %d/%d, off-topic flagged %d/%d%n",
                    threshold, missed, inScope.size(), caught, offTopic.size()));
        }
        out.append("in-scope values  ").append(sorted(inScope)).append('\n');
        out.append("off-topic values ").append(sorted(offTopic)).append('\n');
        System.out.println("CALIBRATION\n" + out);
        Files.writeString(Path.of("target", "no-good-match-calibration.txt"), out.toString());
    }

    private String upload(String c, Path file, String kind) throws Exception {
        String type = file.toString().endsWith(".html") ? "text/html" : "text/markdown";
        String body = new String(mvc.perform(multipart("/api/v1/collections/" + c + "/documents")
                        .file(new MockMultipartFile("file", file.getFileName().toString(), type, Files.readAllBytes(file)))
                        .param("kind", kind).param("externalId", file.getFileName().toString()))
                .andReturn().getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
        return JsonPath.read(body, "$.documentId");
    }

    private String query(String c, String q) throws Exception {
        return new String(mvc.perform(post("/api/v1/collections/" + c + "/query").contentType(MediaType.APPLICATION_JSON)
                .content("{\"query\":" + Api.json(q) + "}")).andReturn().getResponse().getContentAsByteArray(),
                StandardCharsets.UTF_8);
    }

    private double bestCosine(String c, String q) throws Exception {
        Number best = JsonPath.read(query(c, q), "$.bestCosine");
        return best.doubleValue();
    }

    private static String stats(List<Double> values) {
        List<Double> s = values.stream().sorted().toList();
        return String.format(Locale.ROOT, "n=%d min=%.3f p10=%.3f median=%.3f p90=%.3f max=%.3f", s.size(), s.getFirst(),
                s.get(s.size() / 10), s.get(s.size() / 2), s.get(s.size() * 9 / 10), s.getLast());
    }

    private static String sorted(List<Double> values) {
        return values.stream().sorted().map(v -> String.format(Locale.ROOT, "%.3f", v)).toList().toString();
    }
}
