package io.supportkb.ingestion.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.supportkb.ingestion.IngestionRejected;

/**
 * Strict decoding of text uploads: UTF-8 (an optional BOM is dropped) or UTF-16 with a BOM. Malformed bytes are
 * rejected with their offset instead of being silently replaced, so no document is stored with mangled text.
 */
public final class StrictText {

    private StrictText() {
    }

    public static String decode(byte[] bytes, String field) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            return decode(bytes, StandardCharsets.UTF_16.newDecoder(), field, "UTF-16");
        }
        return decode(bytes, StandardCharsets.UTF_8.newDecoder(), field, "UTF-8");
    }

    private static String decode(byte[] bytes, CharsetDecoder decoder, String field, String charset) {
        decoder.onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8L, bytes.length * 1L + 16));
        var result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new IngestionRejected(IngestionRejected.Reason.INVALID_ENCODING,
                    "The " + field + " is not valid " + charset + ": malformed bytes at offset " + in.position() + ".",
                    Map.of("field", field, "offset", in.position(), "charset", charset));
        }
        decoder.flush(out);
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

}
