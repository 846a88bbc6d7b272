package io.supportkb.ml.answer;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import io.supportkb.ml.answer.GroundedAnswer.PromptInfo;
import io.supportkb.ml.answer.GroundedAnswer.Status;
import io.supportkb.ml.answer.GroundedAnswer.Timings;
import io.supportkb.ml.answer.GroundedAnswer.Usage;
import io.supportkb.ml.llm.ChatModel;
import io.supportkb.ml.llm.Generation;
import io.supportkb.ml.llm.GenerationException;
import io.supportkb.ml.llm.GenerationOptions;

/**
 * Answers with a local language model: builds the fenced prompt, generates (streaming), then lets the
 * {@link CitationChecker} judge every sentence. Weak retrieval never reaches the model; a model reply of "not
 * enough information", or one without a single supported sentence, becomes {@code NOT_ENOUGH_INFORMATION}; a model
 * failure becomes {@code FAILED} with the error, so the caller still returns its hits. Thread-safe if the model is.
 */
public final class GenerativeAnswerer implements Answerer {

    private final String name;
    private final ChatModel model;
    private final PromptBuilder prompts;
    private final CitationChecker checker;
    private final GenerationOptions options;

    public GenerativeAnswerer(String name, ChatModel model, PromptBuilder prompts, CitationChecker checker,
                              GenerationOptions options) {
        this.name = name;
        this.model = model;
        this.prompts = prompts;
        this.checker = checker;
        this.options = options;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String modelId() {
        return model.id();
    }

    @Override
    public GroundedAnswer answer(AnswerRequest request, Consumer<String> onToken) {
        long start = System.nanoTime();
        if (request.weakRetrieval() || request.passages().isEmpty()) {
            String reason = request.passages().isEmpty() ? "No passage was retrieved."
                    : "Retrieval found no good match, so the model was not asked: " + request.weakReason();
            return notEnough(reason, List.of(), null, null, null, null, new Timings(0, 0, 0, ms(start)));
        }
        PromptBuilder.Built built;
        try {
            built = prompts.build(request.question(), request.passages(), model, options.maxTokens());
        } catch (IllegalArgumentException e) {
            return failed(e.getMessage(), null, null, new Timings(ms(start), 0, 0, ms(start)));
        }
        PromptInfo prompt = new PromptInfo(built.sha256(), built.chars(), built.tokens(), built.passages());
        double promptMs = ms(start);
        long generating = System.nanoTime();
        Generation generation;
        try {
            generation = model.generate(built.prompt(), options, onToken);
        } catch (GenerationException e) {
            double generateMs = ms(generating);
            return failed(e.getMessage(), prompt, null, new Timings(promptMs, generateMs, 0, ms(start)));
        }
        double generateMs = ms(generating);
        Usage usage = new Usage(generation.promptTokens(), generation.completionTokens());
        String text = generation.text().strip();
        long checking = System.nanoTime();
        if (PromptBuilder.saysNotEnoughInformation(text)) {
            return notEnough("The model replied that the passages do not answer the question.", List.of(), null,
                    text, prompt, usage, new Timings(promptMs, generateMs, ms(checking), ms(start)));
        }
        CitationChecker.Checked checked = checker.check(text, request.passages().subList(0, built.passages()));
        double checkMs = ms(checking);
        Timings timings = new Timings(promptMs, generateMs, checkMs, ms(start));
        if (checked.supported() == 0) {
            return notEnough(String.format(Locale.ROOT, "None of the %d sentences the model wrote is supported by a "
                            + "passage it cites (support threshold %.2f).", checked.check().sentences(),
                    checked.check().threshold()), checked.sentences(), checked.check(), text, prompt, usage, timings);
        }
        String reason = checked.check().passed() ? "Every sentence is supported by a passage it cites."
                : String.format(Locale.ROOT, "%d of %d sentences lack support in their cited passages%s; they are "
                        + "flagged.", checked.check().unsupported(), checked.check().sentences(),
                checked.check().invalidCitations().isEmpty() ? ""
                        : " and passages " + checked.check().invalidCitations() + " do not exist");
        return new GroundedAnswer(Status.ANSWERED, text, checked.sentences(), checked.check(), reason, null, name,
                model.id(), text, prompt, usage, timings);
    }

    private GroundedAnswer notEnough(String reason, List<AnswerSentence> sentences, CitationCheck check,
                                     String generated, PromptInfo prompt, Usage usage, Timings timings) {
        return new GroundedAnswer(Status.NOT_ENOUGH_INFORMATION, GroundedAnswer.NOT_ENOUGH_INFORMATION, sentences,
                check, reason, null, name, model.id(), generated, prompt, usage, timings);
    }

    private GroundedAnswer failed(String error, PromptInfo prompt, Usage usage, Timings timings) {
        return new GroundedAnswer(Status.FAILED, null, List.of(), null,
                "The answerer failed; the hits are still valid.", error, name, model.id(), null, prompt, usage,
                timings);
    }

    static double ms(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1_000.0) / 1_000.0;
    }
}
