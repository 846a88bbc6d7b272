package io.supportkb.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Reads a JSON Lines file as raw lines (bytes, not decoded: the server checks the encoding and reports a bad line by
 * its number) and groups them into request bodies of at most {@code maxLines} lines and about {@code maxBytes}
 * bytes. Blank lines are kept, so line numbers in the server's report plus {@link Batch#firstLine()} - 1 are line
 * numbers in the file. Not thread-safe.
 */
final class JsonLinesBatches implements AutoCloseable {

    /**
     * @param firstLine number of the batch's first line in the file (1-based)
     * @param lines     lines in the body, blank ones included
     * @param body      the lines, each ending with a newline
     */
    record Batch(int firstLine, int lines, byte[] body) {
    }

    private final InputStream in;
    private final int maxLines;
    private final int maxBytes;
    private final UnaryOperator<byte[]> lineTransform;
    private int lineNumber;
    private boolean ended;

    /** @param lineTransform applied to each non-blank line (e.g. adds a default kind); identity for none */
    JsonLinesBatches(Path file, int maxLines, int maxBytes, UnaryOperator<byte[]> lineTransform) throws IOException {
        this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
        this.lineTransform = lineTransform;
    }

    /** The next batch, or null at the end of the file. */
    Batch next() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int first = lineNumber + 1;
        int lines = 0;
        while (!ended && lines < maxLines && body.size() < maxBytes) {
            byte[] line = readLine();
            if (line == null) {
                break;
            }
            lines++;
            body.writeBytes(isBlank(line) ? line : lineTransform.apply(line));
            body.write('\n');
        }
        return lines == 0 ? null : new Batch(first, lines, body.toByteArray());
    }

    /** Non-blank lines of a file: what the server will report on. */
    static long countRecords(Path file) throws IOException {
        long count = 0;
        try (JsonLinesBatches reader = new JsonLinesBatches(file, Integer.MAX_VALUE, Integer.MAX_VALUE, l -> l)) {
            byte[] line;
            while ((line = reader.readLine()) != null) {
                if (!isBlank(line)) {
                    count++;
                }
            }
        }
        return count;
    }

    private byte[] readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        if (b == -1) {
            ended = true;
            if (line.size() == 0) {
                return null;
            }
        }
        lineNumber++;
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        return length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length);
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
