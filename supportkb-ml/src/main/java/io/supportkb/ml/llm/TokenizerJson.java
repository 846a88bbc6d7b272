package io.supportkb.ml.llm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of a HuggingFace {@code tokenizer.json} for a byte-level BPE vocabulary, laid out like Llama 3's: the
 * {@code Split} pre-tokenizer with {@link ByteLevelBpe#SPLIT_REGEX} then {@code ByteLevel} without its own regex, a
 * {@code ByteLevel} decoder, a post-processor that prepends {@code <|begin_of_text|>}, and special tokens as {@code
 * added_tokens}. Values are plain maps and lists in a fixed key order, for deterministic JSON.
 */
final class TokenizerJson {

    private TokenizerJson() {}

    /**
     * @param tokens       all token strings in id order: the vocabulary's, then the special tokens
     * @param firstSpecial id of the first special token ({@code <|begin_of_text|>})
     */
    static Map<String, Object> of(ByteLevelBpe.Vocabulary vocabulary, List<String> tokens, int firstSpecial) {
        List<Object> added = new ArrayList<>();
        for (int id = firstSpecial; id < tokens.size(); id++) {
            added.add(addedToken(tokens.get(id), id));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", "1.0");
        json.put("truncation", null);
        json.put("padding", null);
        json.put("added_tokens", added);
        json.put("normalizer", null);
        json.put("pre_tokenizer", preTokenizer());
        json.put("post_processor", postProcessor(tokens.get(firstSpecial), firstSpecial));
        json.put("decoder", byteLevel(true, true, true));
        json.put("model", model(vocabulary, firstSpecial));
        return json;
    }

    /** An added (special) token; {@code id} is left out where HF leaves it out ({@code added_tokens_decoder}). */
    static Map<String, Object> addedToken(String content, Integer id) {
        Map<String, Object> token = new LinkedHashMap<>();
        if (id != null) {
            token.put("id", id);
        }
        token.put("content", content);
        token.put("single_word", false);
        token.put("lstrip", false);
        token.put("rstrip", false);
        token.put("normalized", false);
        token.put("special", true);
        return token;
    }

    private static Map<String, Object> preTokenizer() {
        Map<String, Object> split = new LinkedHashMap<>();
        split.put("type", "Split");
        split.put("pattern", Map.of("Regex", ByteLevelBpe.SPLIT_REGEX));
        split.put("behavior", "Isolated");
        split.put("invert", false);
        Map<String, Object> sequence = new LinkedHashMap<>();
        sequence.put("type", "Sequence");
        sequence.put("pretokenizers", List.of(split, byteLevel(false, true, false)));
        return sequence;
    }

    private static Map<String, Object> postProcessor(String bos, int bosId) {
        Map<String, Object> bosToken = Map.of("SpecialToken", ordered("id", bos, "type_id", 0));
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("type", "TemplateProcessing");
        template.put("single", List.of(bosToken, Map.of("Sequence", ordered("id", "A", "type_id", 0))));
        template.put("pair", List.of(bosToken, Map.of("Sequence", ordered("id", "A", "type_id", 0)),
                Map.of("SpecialToken", ordered("id", bos, "type_id", 1)), Map.of("Sequence", ordered("id", "B", "type_id", 1))));
        Map<String, Object> special = new LinkedHashMap<>();
        special.put("id", bos);
        special.put("ids", List.of(bosId));
        special.put("tokens", List.of(bos));
        template.put("special_tokens", Map.of(bos, special));
        Map<String, Object> sequence = new LinkedHashMap<>();
        sequence.put("type", "Sequence");
        sequence.put("processors", List.of(byteLevel(true, false, true), template));
        return sequence;
    }

    private static Map<String, Object> byteLevel(boolean addPrefixSpace, boolean trimOffsets, boolean useRegex) {
        Map<String, Object> byteLevel = new LinkedHashMap<>();
        byteLevel.put("type", "ByteLevel");
        byteLevel.put("add_prefix_space", addPrefixSpace);
        byteLevel.put("trim_offsets", trimOffsets);
        byteLevel.put("use_regex", useRegex);
        return byteLevel;
    }

    private static Map<String, Object> model(ByteLevelBpe.Vocabulary vocabulary, int firstSpecial) {
        Map<String, Object> vocab = new LinkedHashMap<>();
        List<String> tokens = vocabulary.tokens();
        for (int id = 0; id < firstSpecial; id++) {
            vocab.put(tokens.get(id), id);
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "BPE");
        model.put("dropout", null);
        model.put("unk_token", null);
        model.put("continuing_subword_prefix", null);
        model.put("end_of_word_suffix", null);
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        // Jlama 0.8.4 ignores this flag; false keeps HF's encoding identical to Jlama's
        model.put("ignore_merges", false);
        model.put("vocab", vocab);
        model.put("merges", vocabulary.merges());
        return model;
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
