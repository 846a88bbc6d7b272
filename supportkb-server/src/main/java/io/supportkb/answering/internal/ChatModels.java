package io.supportkb.answering.internal;

import java.net.URI;
import java.nio.file.Files;

import io.supportkb.answering.AnsweringProperties;
import io.supportkb.ml.llm.ChatModel;
import io.supportkb.ml.llm.JlamaChatModel;
import io.supportkb.ml.llm.OpenAiChatModel;
import io.supportkb.ml.llm.OpenAiEndpoint;

/** Opens the configured language model once and closes it on shutdown. */
final class ChatModels implements AutoCloseable {

    private final AnsweringProperties settings;
    private ChatModel open;

    ChatModels(AnsweringProperties settings) {
        this.settings = settings;
    }

    /** The configured model; throws with the path or endpoint and the reason when it cannot be set up. */
    synchronized ChatModel open() {
        if (open == null) {
            open = switch (settings.answerer()) {
                case EXTRACTIVE -> throw new IllegalStateException("the extractive answerer has no language model");
                case OPENAI -> openAi(settings.openai());
                case JLAMA -> jlama(settings.jlama());
            };
        }
        return open;
    }

    private static ChatModel openAi(AnsweringProperties.OpenAi o) {
        if (o.model() == null || o.model().isBlank()) {
            throw new IllegalArgumentException("supportkb.answering.openai.model is empty; name the model the server at "
                    + o.baseUrl() + " serves");
        }
        URI base;
        try {
            base = URI.create(o.baseUrl());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("supportkb.answering.openai.base-url '" + o.baseUrl()
                    + "' is not a URL: " + e.getMessage(), e);
        }
        if (o.tokenizer() != null && !Files.isRegularFile(o.tokenizer())) {
            throw new IllegalArgumentException("supportkb.answering.openai.tokenizer " + o.tokenizer().toAbsolutePath()
                    + " is not a readable file");
        }
        return new OpenAiChatModel(new OpenAiEndpoint(base, o.model(), o.allowRemote(), o.connectTimeout(),
                o.maxRetries(), o.retryBackoff(), o.contextTokens(), o.tokenizer(),
                o.apiKey() == null || o.apiKey().isBlank() ? null : o.apiKey()));
    }

    private static ChatModel jlama(AnsweringProperties.Jlama j) {
        if (j.modelDir() == null) {
            throw new IllegalArgumentException("supportkb.answering.jlama.model-dir is not set; point it at a folder "
                    + "with config.json, model.safetensors and tokenizer.json");
        }
        return JlamaChatModel.load(j.modelDir(), j.threads());
    }

    @Override
    public synchronized void close() throws Exception {
        if (open != null) {
            open.close();
        }
    }
}
