package io.supportkb.ingestion.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class TextHandlingTest {

    @Test
    void keepsOnlyASafeLastPathSegmentOfAFilename() {
        assertThat(SafeFilename.of("../../etc/passwd")).isEqualTo("passwd");
        assertThat(SafeFilename.of("C:\\Users\\x\\..\\report v2.pdf")).isEqualTo("report v2.pdf");
        assertThat(SafeFilename.of("..")).isEqualTo("upload");
        assertThat(SafeFilename.of(".bashrc")).isEqualTo("bashrc");
        assertThat(SafeFilename.of("a\u0000b|c;rm -rf.txt")).isEqualTo("ab_c_rm -rf.txt");
        assertThat(SafeFilename.of(null)).isEqualTo("upload");
    }

    @Test
    void readsLinesWithoutHoldingAnOverlongOne() throws Exception {
        byte[] input = ("one\r\n" + "x".repeat(100) + "\n\nlast").getBytes(StandardCharsets.UTF_8);
        BoundedLineReader reader = new BoundedLineReader(new ByteArrayInputStream(input), 10);
        assertThat(new String(reader.next().bytes(), StandardCharsets.UTF_8)).isEqualTo("one");
        BoundedLineReader.Line tooLong = reader.next();
        assertThat(tooLong.tooLong()).isTrue();
        assertThat(tooLong.number()).isEqualTo(2);
        assertThat(reader.next().bytes()).isEmpty();
        BoundedLineReader.Line last = reader.next();
        assertThat(last.number()).isEqualTo(4);
        assertThat(new String(last.bytes(), StandardCharsets.UTF_8)).isEqualTo("last");
        assertThat(reader.next()).isNull();
    }
}
