package io.supportkb.ml.answer;

import java.util.function.Consumer;

import io.supportkb.ml.llm.ChatModel;
import io.supportkb.ml.llm.ChatPrompt;
import io.supportkb.ml.llm.Generation;
import io.supportkb.ml.llm.GenerationException;
import io.supportkb.ml.llm.GenerationOptions;

/**
 * A chat model whose reply the test fixes, to exercise what the answerer does with a reply (check, refusal,
 * failure). Real models are tested in the llm package. Counts one token per whitespace-separated word.
 */
final class ScriptedChatModel implements ChatModel {

    private final String reply;
    private final int contextTokens;
    ChatPrompt lastPrompt;

    ScriptedChatModel(String reply, int contextTokens) {
        this.reply = reply;
        this.contextTokens = contextTokens;
    }

    @Override
    public String id() {
        return "scripted";
    }

    @Override
    public int contextTokens() {
        return contextTokens;
    }

    @Override
    public int countTokens(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }

    @Override
    public Generation generate(ChatPrompt prompt, GenerationOptions options, Consumer<String> onToken) {
        lastPrompt = prompt;
        if (reply == null) {
            throw new GenerationException("endpoint http://127.0.0.1:9/v1 refused the connection", null);
        }
        for (String piece : reply.split("(?<= )")) {
            onToken.accept(piece);
        }
        return new Generation(reply, countTokens(prompt.system() + prompt.user()), countTokens(reply), "stop", 1);
    }
}
