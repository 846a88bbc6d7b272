package io.supportkb.ml.llm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedSet;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte-level byte-pair encoding as in GPT-2 and Llama 3 (Sennrich et al. 2016; Radford et al. 2019): text is split by
 * the Llama 3 pre-tokenizer regex, each piece is turned into its UTF-8 bytes, each byte is written as one printable
 * character ({@link #byteChar}, GPT-2's {@code bytes_to_unicode}), and merges of adjacent symbols are learned greedily by
 * pair frequency.
 *
 * <p>{@link #train} is deterministic: words are visited in sorted order and ties between equally frequent pairs go to
 * the lexicographically smallest {@code (left, right)}. As in HuggingFace's trainer with {@code min_frequency} 0, a pair
 * seen once still merges; training stops early only when every word has become a single token.
 *
 * <p>Thread-safety: stateless.
 */
final class ByteLevelBpe {

    /** Llama 3's {@code Split} pre-tokenizer regex (letters, up to 3 digits, punctuation runs, whitespace). */
    static final String SPLIT_REGEX =
            "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    private static final Pattern SPLIT = Pattern.compile(SPLIT_REGEX);
    private static final String[] BYTE_CHARS = byteChars();

    /**
     * A learned vocabulary.
     *
     * @param tokens token strings in id order: the 256 byte characters (id = byte value), then each new merged string
     * @param merges merge rules {@code "left right"} in rank order (rank 0 is applied first)
     */
    record Vocabulary(List<String> tokens, List<String> merges) {

        Vocabulary {
            tokens = List.copyOf(tokens);
            merges = List.copyOf(merges);
        }
    }

    private ByteLevelBpe() {}

    /** The printable character standing for {@code b} (0..255) in byte-level token strings. */
    static String byteChar(int b) {
        return BYTE_CHARS[b];
    }

    /** The pre-tokenizer's pieces of {@code text}, in order; their concatenation is {@code text}. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = SPLIT.matcher(text);
        int end = 0;
        while (m.find()) {
            if (m.start() > end) {
                pieces.add(text.substring(end, m.start()));
            }
            pieces.add(m.group());
            end = m.end();
        }
        if (end < text.length()) {
            pieces.add(text.substring(end));
        }
        return pieces;
    }

    /** Learns up to {@code maxMerges} merges from {@code text}. */
    static Vocabulary train(String text, int maxMerges) {
        Objects.requireNonNull(text, "text");
        Map<List<String>, Integer> words = new TreeMap<>(ByteLevelBpe::compareSymbols);
        for (String piece : pieces(text)) {
            words.merge(symbols(piece), 1, Integer::sum);
        }
        SequencedSet<String> tokens = new LinkedHashSet<>(List.of(BYTE_CHARS));
        List<String> merges = new ArrayList<>();
        List<List<String>> wordSymbols = new ArrayList<>(words.keySet().stream().map(ArrayList::new).toList());
        int[] counts = words.values().stream().mapToInt(Integer::intValue).toArray();
        while (merges.size() < maxMerges) {
            String[] best = mostFrequentPair(wordSymbols, counts);
            if (best == null) {
                break;
            }
            merges.add(best[0] + " " + best[1]);
            tokens.add(best[0] + best[1]);
            for (List<String> word : wordSymbols) {
                apply(word, best[0], best[1]);
            }
        }
        return new Vocabulary(new ArrayList<>(tokens), merges);
    }

    private static List<String> symbols(String piece) {
        byte[] utf8 = piece.getBytes(StandardCharsets.UTF_8);
        List<String> symbols = new ArrayList<>(utf8.length);
        for (byte b : utf8) {
            symbols.add(BYTE_CHARS[b & 0xff]);
        }
        return symbols;
    }

    /** The most frequent adjacent pair, ties to the smallest; {@code null} if no word has two symbols left. */
    private static String[] mostFrequentPair(List<List<String>> words, int[] counts) {
        Map<String, Integer> pairCounts = new TreeMap<>();
        for (int w = 0; w < words.size(); w++) {
            List<String> word = words.get(w);
            for (int i = 0; i + 1 < word.size(); i++) {
                // '\n' never occurs inside a byte-level symbol, so it separates the pair unambiguously
                pairCounts.merge(word.get(i) + "\n" + word.get(i + 1), counts[w], Integer::sum);
            }
        }
        String best = null;
        int bestCount = 0;
        for (Map.Entry<String, Integer> e : pairCounts.entrySet()) {
            if (e.getValue() > bestCount) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best == null ? null : best.split("\n", 2);
    }

    private static void apply(List<String> word, String left, String right) {
        for (int i = 0; i + 1 < word.size(); i++) {
            if (word.get(i).equals(left) && word.get(i + 1).equals(right)) {
                word.set(i, left + right);
                word.remove(i + 1);
            }
        }
    }

    private static int compareSymbols(List<String> a, List<String> b) {
        return String.join("\n", a).compareTo(String.join("\n", b));
    }

    /** GPT-2's {@code bytes_to_unicode}: printable Latin-1 bytes stand for themselves, the rest map to 256 + n. */
    private static String[] byteChars() {
        String[] chars = new String[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            chars[b] = Character.toString(printable ? b : next++);
        }
        return chars;
    }
}
