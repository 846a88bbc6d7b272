package io.supportkb.ingestion;

import java.util.List;
import java.util.Map;

/**
 * A document given as text (JSON body or one JSON Lines line).
 *
 * @param externalId the client's id; a later document with the same external id replaces this one
 * @param title      shown in results; optional
 * @param text       the content; required, not blank
 * @param kind       article | faq | ticket | runbook | other (default article)
 * @param format     markdown | plain (default markdown)
 * @param tags       filterable labels
 * @param metadata   free-form JSON object, stored and returned as given
 * @param sourceUri  where the document lives, for citations
 * @param language   BCP 47 tag, optional
 */
public record NewDocument(String externalId, String title, String text, String kind, String format,
                          List<String> tags, Map<String, Object> metadata, String sourceUri, String language) {
}
