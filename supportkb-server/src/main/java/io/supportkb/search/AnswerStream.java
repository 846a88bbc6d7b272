package io.supportkb.search;

import java.util.List;

/**
 * Receives a query's progress while a grounded answer is produced: the hits as soon as they are known, then the
 * answer's text as the answerer generates it. Called on the query's thread, in order.
 */
public interface AnswerStream {

    /** Ignores everything (a plain JSON response). */
    AnswerStream NONE = new AnswerStream() {
        @Override
        public void hits(List<QueryHit> hits, boolean noGoodMatch) {
        }

        @Override
        public void token(String text) {
        }
    };

    /** The hits, before the answer is produced. */
    void hits(List<QueryHit> hits, boolean noGoodMatch);

    /** The next piece of the answer's text. */
    void token(String text);
}
