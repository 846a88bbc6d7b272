package io.supportkb.ml.answer;

import java.util.List;

/**
 * The verdict of the citation check on a whole answer.
 *
 * @param passed           every sentence is supported by a passage it cites and no citation is invalid
 * @param sentences        number of answer sentences checked
 * @param unsupported      sentences without support in their cited passages (or without any citation)
 * @param invalidCitations cited numbers that are not passages of the context, ascending
 * @param threshold        the support fraction a sentence needs
 */
public record CitationCheck(boolean passed, int sentences, int unsupported, List<Integer> invalidCitations,
                            double threshold) {

    public CitationCheck {
        invalidCitations = List.copyOf(invalidCitations);
    }
}
