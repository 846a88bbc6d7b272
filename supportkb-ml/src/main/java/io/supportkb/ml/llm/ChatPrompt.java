package io.supportkb.ml.llm;

import java.util.Objects;

/**
 * A two-message chat prompt.
 *
 * @param system the instructions (role {@code system})
 * @param user   the question with its fenced context (role {@code user})
 */
public record ChatPrompt(String system, String user) {

    public ChatPrompt {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(user, "user");
    }
}
