/**
 * Grounded answers on top of search: the configured {@link io.supportkb.ml.answer.Answerer} (extractive by default, or
 * a local language model) behind {@link io.supportkb.answering.AnswerService}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Answering")
package io.supportkb.answering;
