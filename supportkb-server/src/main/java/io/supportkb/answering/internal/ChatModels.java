package io.supportkb.answering.internal;

import io.supportkb.answering.AnsweringProperties;
import io.supportkb.ml.llm.ChatModel;

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
                case OPENAI, JLAMA -> throw new IllegalStateException("language-model answerers are not wired yet");
            };
        }
        return open;
    }

    @Override
    public synchronized void close() throws Exception {
        if (open != null) {
            open.close();
        }
    }
}
