/**
 * Grounded answers from retrieved passages: the deterministic {@link io.supportkb.ml.answer.ExtractiveAnswerer}
 * (default) and the {@link io.supportkb.ml.answer.GenerativeAnswerer} over a local
 * {@link io.supportkb.ml.llm.ChatModel}, a fenced {@link io.supportkb.ml.answer.PromptBuilder} and the
 * {@link io.supportkb.ml.answer.CitationChecker} that verifies every cited claim against its passage.
 */
package io.supportkb.ml.answer;
