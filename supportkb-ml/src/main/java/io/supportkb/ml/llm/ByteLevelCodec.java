package io.supportkb.ml.llm;

import com.github.tjake.jlama.model.llama.LlamaTokenizer;
import com.github.tjake.jlama.safetensors.tokenizer.Tokenizer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Text to token ids and back through a Jlama tokenizer, repairing how Jlama 0.8.4 handles byte-level BPE (Llama 3,
 * Qwen 2): it maps each <em>code point</em>, not each UTF-8 byte, to a byte character, so characters above U+00FF that
 * are not in the vocabulary are silently dropped and Latin-1 letters become one wrong byte. Here the text is handed to
 * Jlama with every UTF-8 byte as one char (ISO-8859-1), which its mapping turns into exactly HuggingFace's byte
 * characters; decoded tokens come back as bytes and are reassembled into UTF-8 by a {@link Decoder}. ASCII text is
 * tokenized exactly as HuggingFace does; other text round-trips exactly, though its pre-tokenizer pieces may differ.
 * SentencePiece-style tokenizers (Llama 2, Mistral) pass through unchanged.
 *
 * <p>Thread-safety: as the wrapped tokenizer, which Jlama does not make thread-safe; callers serialise.
 */
final class ByteLevelCodec {

    private final Tokenizer tokenizer;
    private final boolean byteLevel;

    ByteLevelCodec(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
        // the branch of LlamaTokenizer that maps code points through GPT-2's byte table
        this.byteLevel = tokenizer instanceof LlamaTokenizer && tokenizer.getModel().isLegacy()
                && !tokenizer.getModel().byteFallback;
    }

    /** {@code text} as Jlama's tokenizer must see it (also for chat messages before the template renders them). */
    String toJlama(String text) {
        return byteLevel ? new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1) : text;
    }

    /** Token ids of {@code text}, without BOS; special-token strings in the text become special tokens. */
    long[] encode(String text) {
        return tokenizer.encode(toJlama(text));
    }

    /** Whether {@code id} is a special token (never shown as text). */
    boolean isSpecial(long id) {
        return tokenizer.getModel().isSpecialToken(id);
    }

    /** The text of {@code ids}, special tokens left out. */
    String decode(long[] ids) {
        Decoder decoder = decoder();
        StringBuilder text = new StringBuilder();
        for (long id : ids) {
            text.append(decoder.next(id));
        }
        return text.append(decoder.finish()).toString();
    }

    /** A fresh streaming decoder for one generation. */
    Decoder decoder() {
        return new Decoder();
    }

    /**
     * Turns tokens into text pieces as they are generated. A multi-byte character split across tokens is held back
     * until its last byte arrives, so every piece is whole text; the concatenation of all pieces and {@link #finish()}
     * is the decoded text.
     */
    final class Decoder {

        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        private Decoder() {}

        /** The text that {@code id} completes; empty for special tokens and incomplete characters. */
        String next(long id) {
            if (isSpecial(id)) {
                return "";
            }
            String piece = tokenizer.decode(id);
            if (!byteLevel) {
                return piece;
            }
            for (int i = 0; i < piece.length(); i++) {
                char c = piece.charAt(i);
                if (c < 256) {
                    pending.write(c);
                } else {
                    // not a byte character: a token outside the byte alphabet (e.g. an added non-special token)
                    pending.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                }
            }
            byte[] bytes = pending.toByteArray();
            int complete = completePrefix(bytes);
            pending.reset();
            pending.write(bytes, complete, bytes.length - complete);
            return new String(bytes, 0, complete, StandardCharsets.UTF_8);
        }

        /** Bytes still held back, decoded (malformed ones as U+FFFD); the decoder is then empty. */
        String finish() {
            String rest = pending.toString(StandardCharsets.UTF_8);
            pending.reset();
            return rest;
        }

        /** Length of the longest prefix that does not end inside a multi-byte UTF-8 sequence. */
        private static int completePrefix(byte[] bytes) {
            for (int i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
                int b = bytes[i] & 0xff;
                if (b < 0x80) {
                    return bytes.length;
                }
                if (b >= 0xC0) {
                    int length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                    return bytes.length - i >= length ? bytes.length : i;
                }
            }
            return bytes.length;
        }
    }
}
