package io.supportkb.ml.llm;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.supportkb.ml.llm.SafetensorsWriter.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Writes a complete Llama-architecture model folder with random weights, for tests and benchmarks that need a real
 * model to load but no real model to download: {@code config.json}, {@code generation_config.json}, {@code
 * model.safetensors} (F32), {@code tokenizer.json} (a HuggingFace byte-level BPE tokenizer like Llama 3's, with merges
 * learned from {@link Spec#trainingText()}) and {@code tokenizer_config.json} (Llama 3 chat template). Jlama, HuggingFace
 * {@code tokenizers} and {@code transformers} can load it. It generates gibberish, fast.
 *
 * <p>Tokens: ids 0..255 are the bytes (as GPT-2's printable byte characters), then the learned merges, then the special
 * tokens {@code <|begin_of_text|>} (BOS), {@code <|end_of_text|>}, {@code <|start_header_id|>}, {@code
 * <|end_header_id|>}, {@code <|eot_id|>} (EOS, with {@code <|end_of_text|>}), padded with {@code
 * <|reserved_special_token_N|>} to a vocabulary size divisible by 64. The output head's rows of special tokens are zero,
 * so greedy decoding never picks one: generations run to their token limit, which keeps test and benchmark lengths
 * predictable.
 *
 * <p>Reproducible: the same spec writes byte-identical files. Thread-safety: stateless.
 */
public final class TinyModelWriter {

    /** Support-desk prose the default tokenizer is trained on. */
    public static final String SAMPLE_TEXT = """
            To reset your password, open the sign-in page and choose "Forgot password". We send a reset link to the \
            email address on your account; the link expires after 30 minutes. If the email does not arrive, check the \
            spam folder and make sure the address is spelled correctly. Administrators can reset the password of any \
            user in the admin console under Users > Security.
            Refunds: you can cancel a subscription at any time. Annual plans are refunded pro rata within 30 days of \
            the renewal date; monthly plans are not refunded, but the plan stays active until the end of the billing \
            period. To request a refund, open a ticket with the invoice number and the reason for the refund.
            Billing: invoices are sent on the first day of each month. You can change the billing address, the \
            payment method and the tax id in Settings > Billing. We accept credit cards, bank transfers and PayPal.
            Two-factor authentication protects your account with a one-time code from an authenticator app. If you \
            lose your phone, use one of the recovery codes you saved when you enabled two-factor authentication, or \
            ask an administrator to disable it for your account.
            Exports: you can export all tickets, articles and contacts as CSV or JSON from Settings > Data. Large \
            exports run in the background; we email you a download link when the export is ready. The link expires \
            after 7 days.
            Integrations: connect your help desk to Slack, Microsoft Teams, Jira and GitHub from the Integrations \
            page. Each integration needs an API token; tokens can be revoked at any time.
            Q: How do I add a new agent? A: Go to Settings > Team, click "Invite agent" and enter their email \
            address. The invitation is valid for 14 days.
            Q: Why can't I log in? A: Your account may be locked after five failed attempts. Wait 15 minutes or ask \
            an administrator to unlock it.
            """;

    /** The five named special tokens, in id order after the learned vocabulary. */
    static final List<String> SPECIAL_TOKENS =
            List.of("<|begin_of_text|>", "<|end_of_text|>", "<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>");

    /** Llama 3's chat template (Meta-Llama-3-8B-Instruct). */
    static final String CHAT_TEMPLATE = "{% set loop_messages = messages %}{% for message in loop_messages %}"
            + "{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n'"
            + "+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}{% set content = bos_token + content %}"
            + "{% endif %}{{ content }}{% endfor %}{% if add_generation_prompt %}"
            + "{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}";

    private static final float WEIGHT_STD = 0.02f;
    private static final ObjectWriter JSON = new ObjectMapper().writer(
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

    /**
     * The model's shape.
     *
     * @param hidden        hidden size; a multiple of 32 and of {@code heads}; the MLP is twice as wide
     * @param layers        transformer blocks
     * @param heads         attention heads (as many key/value heads: no grouped-query attention)
     * @param contextTokens {@code max_position_embeddings}, the context window in tokens
     * @param merges        the most BPE merges to learn; fewer when the training text runs out of repeated pairs
     * @param seed          seed of the random weights
     * @param trainingText  text the tokenizer's merges are learned from
     */
    public record Spec(int hidden, int layers, int heads, int contextTokens, int merges, long seed, String trainingText) {

        public Spec {
            Objects.requireNonNull(trainingText, "trainingText");
            if (hidden < 32 || hidden % 32 != 0 || heads < 1 || hidden % heads != 0 || (hidden / heads) % 2 != 0
                    || layers < 1 || contextTokens < 16 || merges < 0) {
                throw new IllegalArgumentException("need hidden a multiple of 32 and of heads with an even head size, "
                        + "layers >= 1, contextTokens >= 16, merges >= 0: " + this);
            }
        }

        /** Hidden 64, 2 layers, 4 heads, 2,048 context tokens, 300 merges of {@link #SAMPLE_TEXT}, seed 42. */
        public static Spec defaults() {
            return new Spec(64, 2, 4, 2048, 300, 42L, SAMPLE_TEXT);
        }
    }

    private TinyModelWriter() {}

    /**
     * Writes the model files into {@code dir} (created if missing; files of the same names are replaced).
     *
     * @return {@code dir}
     * @throws UncheckedIOException when a file cannot be written
     */
    public static Path write(Path dir, Spec spec) {
        ByteLevelBpe.Vocabulary vocabulary = ByteLevelBpe.train(spec.trainingText(), spec.merges());
        List<String> tokens = new ArrayList<>(vocabulary.tokens());
        int firstSpecial = tokens.size();
        tokens.addAll(SPECIAL_TOKENS);
        for (int n = 0; tokens.size() % 64 != 0; n++) {
            tokens.add("<|reserved_special_token_" + n + "|>");
        }
        int bos = firstSpecial;
        int endOfText = firstSpecial + 1;
        int eot = firstSpecial + 4;
        try {
            Files.createDirectories(dir);
            writeJson(dir.resolve("config.json"), config(spec, tokens.size(), bos, List.of(endOfText, eot)));
            writeJson(dir.resolve("generation_config.json"), generationConfig(bos, List.of(endOfText, eot)));
            writeJson(dir.resolve("tokenizer.json"), TokenizerJson.of(vocabulary, tokens, firstSpecial));
            writeJson(dir.resolve("tokenizer_config.json"), tokenizerConfig(spec, tokens, firstSpecial));
            SafetensorsWriter.write(dir.resolve("model.safetensors"), weights(spec, tokens.size(), firstSpecial));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the tiny model to " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        return dir;
    }

    private static void writeJson(Path file, Object value) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(value) + "\n");
    }

    private static Map<String, Object> config(Spec spec, int vocabSize, int bos, List<Integer> eos) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("architectures", List.of("LlamaForCausalLM"));
        c.put("attention_bias", false);
        c.put("bos_token_id", bos);
        c.put("eos_token_id", eos);
        c.put("hidden_act", "silu");
        c.put("hidden_size", spec.hidden());
        c.put("initializer_range", WEIGHT_STD);
        c.put("intermediate_size", 2 * spec.hidden());
        c.put("max_position_embeddings", spec.contextTokens());
        c.put("model_type", "llama");
        c.put("num_attention_heads", spec.heads());
        c.put("num_hidden_layers", spec.layers());
        c.put("num_key_value_heads", spec.heads());
        c.put("rms_norm_eps", 1.0e-5);
        c.put("rope_theta", 500000.0);
        c.put("tie_word_embeddings", false);
        c.put("torch_dtype", "float32");
        c.put("vocab_size", vocabSize);
        return c;
    }

    private static Map<String, Object> generationConfig(int bos, List<Integer> eos) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("bos_token_id", bos);
        c.put("do_sample", false);
        c.put("eos_token_id", eos);
        return c;
    }

    private static Map<String, Object> tokenizerConfig(Spec spec, List<String> tokens, int firstSpecial) {
        Map<String, Object> decoder = new LinkedHashMap<>();
        for (int id = firstSpecial; id < tokens.size(); id++) {
            decoder.put(String.valueOf(id), TokenizerJson.addedToken(tokens.get(id), null));
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("added_tokens_decoder", decoder);
        c.put("bos_token", SPECIAL_TOKENS.get(0));
        c.put("chat_template", CHAT_TEMPLATE);
        c.put("clean_up_tokenization_spaces", true);
        c.put("eos_token", SPECIAL_TOKENS.get(4));
        c.put("model_input_names", List.of("input_ids", "attention_mask"));
        c.put("model_max_length", spec.contextTokens());
        c.put("tokenizer_class", "PreTrainedTokenizerFast");
        return c;
    }

    /** HF Llama names and {@code [out, in]} shapes; one random stream in this order. */
    private static List<Tensor> weights(Spec spec, int vocabSize, int firstSpecial) {
        Random random = new Random(spec.seed());
        int h = spec.hidden();
        int mlp = 2 * h;
        List<Tensor> tensors = new ArrayList<>();
        tensors.add(new Tensor("model.embed_tokens.weight", new int[] {vocabSize, h}, uniform(random, vocabSize * h)));
        for (int layer = 0; layer < spec.layers(); layer++) {
            String p = "model.layers." + layer + ".";
            tensors.add(new Tensor(p + "input_layernorm.weight", new int[] {h}, ones(h)));
            for (String proj : List.of("q_proj", "k_proj", "v_proj", "o_proj")) {
                tensors.add(new Tensor(p + "self_attn." + proj + ".weight", new int[] {h, h}, uniform(random, h * h)));
            }
            tensors.add(new Tensor(p + "post_attention_layernorm.weight", new int[] {h}, ones(h)));
            tensors.add(new Tensor(p + "mlp.gate_proj.weight", new int[] {mlp, h}, uniform(random, mlp * h)));
            tensors.add(new Tensor(p + "mlp.up_proj.weight", new int[] {mlp, h}, uniform(random, mlp * h)));
            tensors.add(new Tensor(p + "mlp.down_proj.weight", new int[] {h, mlp}, uniform(random, h * mlp)));
        }
        tensors.add(new Tensor("model.norm.weight", new int[] {h}, ones(h)));
        float[] head = uniform(random, vocabSize * h);
        Arrays.fill(head, firstSpecial * h, vocabSize * h, 0f);
        tensors.add(new Tensor("lm_head.weight", new int[] {vocabSize, h}, head));
        return tensors;
    }

    /** Uniform on [-a, a] with standard deviation {@link #WEIGHT_STD}. */
    private static float[] uniform(Random random, int n) {
        float a = (float) (WEIGHT_STD * Math.sqrt(3));
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (random.nextFloat() * 2 - 1) * a;
        }
        return values;
    }

    private static float[] ones(int n) {
        float[] values = new float[n];
        Arrays.fill(values, 1f);
        return values;
    }
}
