package io.supportkb.ml.answer;

import java.util.List;

/**
 * One sentence of an answer with the evidence the citation check found for it.
 *
 * @param text      the sentence without its citation markers
 * @param cited     the passage numbers the sentence cites, in order
 * @param citations for each valid cited passage, the span that best supports the sentence
 * @param support   the fraction (0..1) of the sentence's content terms found in its best cited span's passage
 * @param supported whether {@code support} reaches the check's threshold in at least one cited passage
 */
public record AnswerSentence(String text, List<Integer> cited, List<Citation> citations, double support,
                             boolean supported) {

    public AnswerSentence {
        cited = List.copyOf(cited);
        citations = List.copyOf(citations);
    }
}
