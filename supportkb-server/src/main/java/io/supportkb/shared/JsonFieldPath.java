package io.supportkb.shared;

import tools.jackson.core.JacksonException;

/** Names the JSON field a Jackson error is about, e.g. {@code messages[2].body}; {@code body} for the root. */
public final class JsonFieldPath {

    private JsonFieldPath() {
    }

    public static String of(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
