package io.supportkb.ingestion.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a byte stream line by line ({@code \n}, optional {@code \r} before it) without ever holding more than
 * {@code maxLineBytes} of one line: a longer line is skipped to its end and reported as too long. This is what
 * keeps a huge single JSON Lines line from exhausting memory. Not thread-safe.
 */
public final class BoundedLineReader {

    /** One line: its 1-based number, and its bytes, or {@code tooLong} with the bytes dropped. */
    public record Line(int number, byte[] bytes, boolean tooLong) {
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int bufferPos;
    private int bufferLen;
    private int lineNumber;
    private boolean eof;

    public BoundedLineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or {@code null} at the end of the stream. */
    public Line next() throws IOException {
        if (eof && bufferPos >= bufferLen) {
            return null;
        }
        byte[] line = new byte[Math.min(1024, maxLineBytes + 1)];
        int length = 0;
        boolean tooLong = false;
        boolean sawAny = false;
        while (true) {
            if (bufferPos >= bufferLen) {
                bufferLen = in.read(buffer);
                bufferPos = 0;
                if (bufferLen <= 0) {
                    eof = true;
                    bufferLen = 0;
                    if (!sawAny) {
                        return null;
                    }
                    break;
                }
            }
            sawAny = true;
            byte b = buffer[bufferPos++];
            if (b == '\n') {
                break;
            }
            if (tooLong) {
                continue;
            }
            if (length == maxLineBytes) {
                tooLong = true;
                continue;
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(maxLineBytes, line.length * 2));
            }
            line[length++] = b;
        }
        lineNumber++;
        if (tooLong) {
            return new Line(lineNumber, null, true);
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return new Line(lineNumber, Arrays.copyOf(line, length), false);
    }
}
