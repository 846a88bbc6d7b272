package io.supportkb.tools.jlama;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.functions.Generator;
import com.github.tjake.jlama.safetensors.Config;
import com.github.tjake.jlama.safetensors.prompt.PromptContext;
import com.github.tjake.jlama.safetensors.prompt.PromptSupport;
import com.github.tjake.jlama.safetensors.tokenizer.Tokenizer;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Gives Jlama's {@code ntokens} the meaning OpenAI's {@code max_tokens} has: the most <em>completion</em> tokens.
 *
 * <p>Jlama counts {@code ntokens} as a position in the context window, prompt included: a prompt longer than
 * {@code max_tokens} fails with "Prompt exceeds max tokens" and a shorter one leaves {@code max_tokens - prompt}
 * tokens to generate. Jlama emits one token from the prompt pass plus one per position from the prompt's end (BOS
 * included) up to {@code ntokens}, so {@code ntokens = prompt tokens without BOS + max_tokens} yields at most
 * {@code max_tokens} tokens (one fewer for a model without BOS). Jlama still caps it at the context length.
 *
 * <p>Thread-safety: as safe as the wrapped model (Jlama keeps per-session state in its KV cache).
 */
final class CompletionBudget implements Generator {

    private final AbstractModel model;

    CompletionBudget(AbstractModel model) {
        this.model = model;
    }

    @Override
    public Response generate(UUID session, PromptContext prompt, float temperature, int maxCompletionTokens,
            BiConsumer<String, Float> onToken) {
        long[] encoded = model.getTokenizer().encode(prompt.getPrompt());
        int bos = model.getConfig().bosToken;
        int promptTokens = encoded.length > 0 && encoded[0] == bos ? encoded.length - 1 : encoded.length;
        return model.generate(session, prompt, temperature, promptTokens + maxCompletionTokens, onToken);
    }

    @Override
    public float[] embed(String input, PoolingType poolingType) {
        return model.embed(input, poolingType);
    }

    @Override
    public Config getConfig() {
        return model.getConfig();
    }

    @Override
    public Tokenizer getTokenizer() {
        return model.getTokenizer();
    }

    @Override
    public Optional<PromptSupport> promptSupport() {
        return model.promptSupport();
    }

    @Override
    public void close() {
        model.close();
    }
}
