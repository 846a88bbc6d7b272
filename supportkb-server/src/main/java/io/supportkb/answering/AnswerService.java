package io.supportkb.answering;

import java.util.function.Consumer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import io.supportkb.ml.answer.AnswerRequest;
import io.supportkb.ml.answer.Answerer;
import io.supportkb.ml.answer.GroundedAnswer;

/**
 * Answers a question from retrieved passages with the configured answerer. Every answer is the observation
 * {@code supportkb.answer} (low-cardinality keys {@code answerer}, {@code status}). Thread-safe.
 */
public class AnswerService {

    private final Answerer answerer;
    private final String fallbackReason;
    private final int maxPassages;
    private final ObservationRegistry observations;

    /**
     * @param fallbackReason why the configured language model is not used (the answerer is then extractive), or
     *                       {@code null}
     */
    public AnswerService(Answerer answerer, String fallbackReason, int maxPassages, ObservationRegistry observations) {
        this.answerer = answerer;
        this.fallbackReason = fallbackReason;
        this.maxPassages = maxPassages;
        this.observations = observations;
    }

    /** Answers; never throws for a model failure (the answer is then {@code FAILED} with the error). */
    public GroundedAnswer answer(AnswerRequest request, Consumer<String> onToken) {
        Observation observation = Observation.createNotStarted("supportkb.answer", observations)
                .lowCardinalityKeyValue("answerer", answerer.name());
        return observation.observe(() -> {
            GroundedAnswer answer = answerer.answer(request, onToken);
            observation.lowCardinalityKeyValue("status", answer.status().name().toLowerCase(java.util.Locale.ROOT));
            return answer;
        });
    }

    /** {@code extractive}, {@code openai} or {@code jlama}. */
    public String answererName() {
        return answerer.name();
    }

    /** The answerer's model, part of answer cache keys. */
    public String modelId() {
        return answerer.modelId();
    }

    /** How many passages (chunks of the top hits, in rank order) an answer is given. */
    public int maxPassages() {
        return maxPassages;
    }

    /** Why the configured language model is not in use, or {@code null} when it is (or none was configured). */
    public String fallbackReason() {
        return fallbackReason;
    }
}
