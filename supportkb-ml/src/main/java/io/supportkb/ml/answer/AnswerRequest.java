package io.supportkb.ml.answer;

import java.util.List;
import java.util.Objects;

/**
 * What an answerer works from: the question and the retrieved passages, best first.
 *
 * @param question       the question as the user asked it
 * @param questionVector the question's query embedding when retrieval already computed it, else {@code null}
 * @param passages       the context, numbered 1..n in rank order
 * @param weakRetrieval  the retrieval's "no good match" signal: when set the answer is "not enough information"
 * @param weakReason     why retrieval is weak (with its numbers), or {@code null}
 */
public record AnswerRequest(String question, float[] questionVector, List<Passage> passages, boolean weakRetrieval,
                            String weakReason) {

    public AnswerRequest {
        Objects.requireNonNull(question, "question");
        passages = List.copyOf(passages);
        for (int i = 0; i < passages.size(); i++) {
            if (passages.get(i).id() != i + 1) {
                throw new IllegalArgumentException("passages must be numbered 1..n in order");
            }
        }
    }
}
