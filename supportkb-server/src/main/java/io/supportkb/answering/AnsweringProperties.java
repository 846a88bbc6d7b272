package io.supportkb.answering;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of answering ({@code supportkb.answering.*}); every default is in {@code application.yaml}.
 *
 * @param answerer         {@code extractive} (default, deterministic, no language model), {@code openai} (an
 *                         OpenAI-compatible chat-completions endpoint on loopback) or {@code jlama} (in-process)
 * @param optional         when the configured language model cannot be set up at startup: {@code false} fails the
 *                         startup with the reason, {@code true} falls back to extractive with a warning and a health
 *                         detail
 * @param maxPassages      chunks of the top hits, in rank order, given to the answerer
 * @param supportThreshold fraction of an answer sentence's content terms its cited passage must contain
 * @param extractive       the extractive answerer
 * @param generation       limits of language-model answers
 * @param openai           the OpenAI-compatible endpoint
 * @param jlama            the in-process Jlama model
 */
@Validated
@ConfigurationProperties("supportkb.answering")
public record AnsweringProperties(@NotNull Kind answerer, boolean optional, @Min(1) @Max(20) int maxPassages,
                                  @DecimalMin("0.05") @DecimalMax("1.0") double supportThreshold,
                                  @Valid @NotNull Extractive extractive, @Valid @NotNull Generation generation,
                                  @Valid @NotNull OpenAi openai, @Valid @NotNull Jlama jlama) {

    /** Which answerer runs. */
    public enum Kind { EXTRACTIVE, OPENAI, JLAMA }

    /**
     * @param maxSentences most quoted sentences per answer
     * @param maxPassages  top passages whose sentences are candidates
     */
    public record Extractive(@Min(1) @Max(10) int maxSentences, @Min(1) @Max(20) int maxPassages) {
    }

    /**
     * @param maxTokens       most tokens generated per answer
     * @param temperature     0 = greedy, deterministic decoding
     * @param seed            sampling seed sent to the model
     * @param timeout         the longest one generation may take; must be positive
     * @param templateReserve tokens of the context kept free for the chat template's own tokens
     */
    public record Generation(@Positive int maxTokens, @DecimalMin("0.0") double temperature, long seed,
                             @NotNull @DurationMin(millis = 1) Duration timeout, @Min(0) int templateReserve) {
    }

    /**
     * @param baseUrl        the API root, e.g. {@code http://127.0.0.1:11434/v1} (Ollama)
     * @param model          the model name the server knows
     * @param allowRemote    allow a host that is not loopback (off: answers never leave the machine)
     * @param connectTimeout TCP connect timeout
     * @param maxRetries     retries on connection failures, 429 and 5xx, before any token arrived
     * @param retryBackoff   wait before the first retry (doubles each time)
     * @param contextTokens  the model's context window in its tokens
     * @param tokenizer      the model's {@code tokenizer.json} for exact prompt budgets; without it the prompt size
     *                       is estimated conservatively
     * @param apiKey         bearer token, if the local server wants one
     */
    public record OpenAi(@NotNull String baseUrl, String model, boolean allowRemote, @NotNull @DurationMin(millis = 1) Duration connectTimeout,
                         @Min(0) int maxRetries, @NotNull @DurationMin(millis = 0) Duration retryBackoff, @Positive int contextTokens,
                         Path tokenizer, String apiKey) {
    }

    /**
     * @param modelDir the model folder (config.json, *.safetensors, tokenizer.json)
     * @param threads  threads Jlama uses for inference
     */
    public record Jlama(Path modelDir, @Positive int threads) {
    }
}
