package io.supportkb.ingestion.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import io.micrometer.observation.ObservationRegistry;
import io.supportkb.ingestion.DocumentUnreadable;
import io.supportkb.ingestion.IngestionProperties;
import io.supportkb.shared.TextFormat;
import io.supportkb.support.Fixtures;

class TikaTextExtractorTest {

    static IngestionProperties properties(Duration timeout, int maxChars) {
        return new IngestionProperties(
                new IngestionProperties.Limits(DataSize.ofMegabytes(20), 2_000_000, DataSize.ofMegabytes(8), 1000,
                        DataSize.ofMegabytes(16), 50, 16_000),
                new IngestionProperties.Parsing(timeout, maxChars, 100, 100, 1_000_000, 10),
                new IngestionProperties.Jobs(5, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(60),
                        Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofSeconds(10), "test"),
                new IngestionProperties.Stream("k", "g", Duration.ofSeconds(1), Duration.ofSeconds(60),
                        Duration.ofSeconds(30)));
    }

    TikaTextExtractor extractor = new TikaTextExtractor(properties(Duration.ofSeconds(20), 100_000),
            ObservationRegistry.NOOP);

    @AfterEach
    void close() {
        extractor.destroy();
    }

    @Test
    void keepsHeadingStructureOfHtml() {
        var result = extractor.extract("<html><body><h3>Deep heading</h3><p>a<br>b</p><table><tr><td>x</td><td>y</td></tr></table></body></html>"
                .getBytes(StandardCharsets.UTF_8), "a.html", "text/html");
        assertThat(result.format()).isEqualTo(TextFormat.MARKDOWN);
        assertThat(result.text()).isEqualTo("### Deep heading\n\na b\n\nx | y");
    }

    @Test
    void givesTheDeclaredTitleInTheCanonicalFormOfAnUploadedOne() {
        var result = extractor.extract(("<html><head><title>  Reset\n\t your \u0096 password </title></head>"
                + "<body><p>Steps.</p></body></html>").getBytes(StandardCharsets.UTF_8), "a.html", "text/html");
        assertThat(result.title()).isEqualTo("Reset your \u2013 password");
        var untitled = extractor.extract("<html><head><title> \n </title></head><body><p>Steps.</p></body></html>"
                .getBytes(StandardCharsets.UTF_8), "b.html", "text/html");
        assertThat(untitled.title()).isNull();
    }

    @Test
    void refusesElementsNestedDeeperThanTheLimit() {
        assertThatThrownBy(() -> extractor.extract(Fixtures.deeplyNestedHtml(1_000), "deep.html", "text/html"))
                .isInstanceOf(DocumentUnreadable.class)
                .hasMessageStartingWith("Parsing stopped:")
                .hasMessageContaining("100 levels of XML element nesting");
    }

    @Test
    void refusesTextOverTheExtractionLimit() {
        assertThatThrownBy(() -> extractor.extract(Fixtures.docx("word ".repeat(30_000)), "long.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
                .isInstanceOf(DocumentUnreadable.class)
                .hasMessageContaining("longer than 100000 characters");
    }

    @Test
    void stopsAParseThatTakesTooLong() {
        TikaTextExtractor impatient = new TikaTextExtractor(properties(Duration.ofMillis(1), 5_000_000),
                ObservationRegistry.NOOP);
        try {
            assertThatThrownBy(() -> impatient.extract(Fixtures.docx("slow ".repeat(200_000)), "slow.docx",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
                    .isInstanceOf(DocumentUnreadable.class)
                    .hasMessageContaining("took longer than");
        } finally {
            impatient.destroy();
        }
    }

    @Test
    void decodesMarkdownItself() {
        var result = extractor.extract("\uFEFF# Title\r\n\r\nBody  \r\n".getBytes(StandardCharsets.UTF_8), "a.md",
                "text/x-web-markdown");
        assertThat(result.text()).isEqualTo("# Title\n\nBody");
        assertThat(result.format()).isEqualTo(TextFormat.MARKDOWN);
    }
}
