package io.supportkb.ml.chunk;

import io.supportkb.ml.embed.TokenCounter;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A deterministic stand-in for a model tokenizer: a run of letters and digits is one token, every other
 * non-whitespace code point (punctuation, emoji) is one token, and so is every CJK ideograph or kana.
 * Optionally every line break is a token too, which makes counts non-additive across the newline the
 * chunker puts between heading path and text (as real tokenizers can be). Optionally a word's token
 * starts at the space before it, as in byte-level BPE. Counts the chars it is asked to tokenize, to check
 * that the chunker's tokenizer work stays linear.
 */
final class WordTokenCounter implements TokenCounter {

    private final int maxContentTokens;
    private final boolean newlinesAreTokens;
    private final boolean leadingSpaceTokens;
    private final AtomicLong charsTokenized = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();

    WordTokenCounter(int maxContentTokens, boolean newlinesAreTokens, boolean leadingSpaceTokens) {
        this.maxContentTokens = maxContentTokens;
        this.newlinesAreTokens = newlinesAreTokens;
        this.leadingSpaceTokens = leadingSpaceTokens;
    }

    WordTokenCounter(int maxContentTokens, boolean newlinesAreTokens) {
        this(maxContentTokens, newlinesAreTokens, false);
    }

    static WordTokenCounter standard() {
        return new WordTokenCounter(512, false);
    }

    @Override
    public int countTokens(String text) {
        return tokenStartOffsets(text).length;
    }

    @Override
    public int[] tokenStartOffsets(String text) {
        calls.incrementAndGet();
        charsTokenized.addAndGet(text.length());
        int[] starts = new int[16];
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean ideograph = isIdeograph(cp);
            boolean wordChar = Character.isLetterOrDigit(cp) && !ideograph;
            boolean startsToken;
            if (Character.isWhitespace(cp)) {
                startsToken = newlinesAreTokens && cp == '\n';
                inWord = false;
            } else if (wordChar) {
                startsToken = !inWord;
                inWord = true;
            } else {
                startsToken = true;
                inWord = false;
            }
            if (startsToken) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                boolean afterSpace = leadingSpaceTokens && wordChar && i > 0 && text.charAt(i - 1) == ' '
                        && (count == 0 || starts[count - 1] < i - 1);
                starts[count++] = afterSpace ? i - 1 : i;
            }
            i += Character.charCount(cp);
        }
        return Arrays.copyOf(starts, count);
    }

    @Override
    public int maxContentTokens() {
        return maxContentTokens;
    }

    long charsTokenized() {
        return charsTokenized.get();
    }

    long calls() {
        return calls.get();
    }

    private static boolean isIdeograph(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }
}
