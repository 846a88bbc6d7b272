package io.supportkb.answering.internal;

import java.util.Locale;

import io.micrometer.observation.ObservationRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.supportkb.answering.AnswerService;
import io.supportkb.answering.AnsweringProperties;
import io.supportkb.answering.AnsweringProperties.Kind;
import io.supportkb.ml.answer.Answerer;
import io.supportkb.ml.answer.CitationChecker;
import io.supportkb.ml.answer.ExtractiveAnswerer;
import io.supportkb.ml.answer.GenerativeAnswerer;
import io.supportkb.ml.answer.PromptBuilder;
import io.supportkb.ml.embed.Embedder;
import io.supportkb.ml.index.TextAnalysis;
import io.supportkb.ml.llm.ChatModel;
import io.supportkb.ml.llm.GenerationOptions;
import io.supportkb.shared.ConditionalOnRole;
import io.supportkb.shared.Role;

/**
 * Sets up the configured answerer at startup. A language model that is configured but missing or broken fails the
 * startup with the path or endpoint and what is wrong, unless {@code supportkb.answering.optional} is set: then the
 * extractive answerer takes over, with a warning in the log and in the {@code answerer} health detail.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AnsweringProperties.class)
@ConditionalOnRole(Role.API)
class AnsweringConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AnsweringConfiguration.class);

    @Bean(destroyMethod = "close")
    TextAnalysis answerTextAnalysis() {
        return new TextAnalysis();
    }

    @Bean(destroyMethod = "close")
    ChatModels chatModels(AnsweringProperties settings) {
        return new ChatModels(settings);
    }

    @Bean
    AnswerService answerService(AnsweringProperties settings, Embedder embedder, TextAnalysis answerTextAnalysis,
                                ChatModels chatModels, ObservationRegistry observations) {
        CitationChecker checker = new CitationChecker(answerTextAnalysis, settings.supportThreshold());
        ExtractiveAnswerer.Config tuning = ExtractiveAnswerer.Config.defaults();
        ExtractiveAnswerer extractive = new ExtractiveAnswerer(embedder, checker, new ExtractiveAnswerer.Config(
                settings.extractive().maxPassages(), settings.extractive().maxSentences(), tuning.maxCandidates(),
                tuning.minWords(), tuning.margin(), tuning.redundancy(), tuning.rankPenalty()));
        if (settings.answerer() == Kind.EXTRACTIVE) {
            return new AnswerService(extractive, null, settings.maxPassages(), observations);
        }
        String name = settings.answerer().name().toLowerCase(Locale.ROOT);
        Answerer answerer;
        try {
            ChatModel model = chatModels.open();
            AnsweringProperties.Generation g = settings.generation();
            answerer = new GenerativeAnswerer(name, model,
                    new PromptBuilder(g.templateReserve()), checker,
                    new GenerationOptions(g.maxTokens(), (float) g.temperature(), g.seed(), g.timeout()));
        } catch (RuntimeException e) {
            if (!settings.optional()) {
                throw new IllegalStateException("supportkb.answering.answerer=" + name + " cannot start: " + e.getMessage()
                        + " (set supportkb.answering.optional=true to fall back to the extractive answerer)", e);
            }
            String reason = "configured answerer " + name + " is unavailable: " + e.getMessage();
            log.warn("Answering falls back to the extractive answerer: {}", reason);
            return new AnswerService(extractive, reason, settings.maxPassages(), observations);
        }
        log.info("Answers come from {} (model {})", answerer.name(), answerer.modelId());
        return new AnswerService(answerer, null, settings.maxPassages(), observations);
    }
}
