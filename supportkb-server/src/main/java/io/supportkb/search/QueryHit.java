package io.supportkb.search;

import java.util.List;

/**
 * A returned document.
 *
 * @param rank         1-based position in the result
 * @param documentId   the document version's id
 * @param externalId   the client's id for the document, or {@code null}
 * @param title        the document's title, or {@code null}
 * @param kind         article, faq, ticket, runbook or other
 * @param scores       document-level scores: those of its best chunk in each retriever, with document ranks
 * @param matchedTerms analysed query terms found in the returned chunks
 * @param chunks       the document's best chunks, best first ({@code chunksPerDocument} at most)
 */
public record QueryHit(int rank, String documentId, String externalId, String title, String kind, Scores scores,
                       List<String> matchedTerms, List<MatchedChunk> chunks) {

    public QueryHit {
        matchedTerms = List.copyOf(matchedTerms);
        chunks = List.copyOf(chunks);
    }
}
