package io.supportkb.answering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MvcResult;

import io.supportkb.ml.llm.TinyModelWriter;
import io.supportkb.search.CorpusTest;
import io.supportkb.search.KnowledgeBase;

/**
 * The in-process Jlama answerer on a tiny generated model (random weights, a real byte-level BPE tokenizer): proves
 * loading, prompting within the context, streaming, limits and what the trace keeps, not answer quality. A random
 * model's text has no support in the passages, so the check turns it into "not enough information".
 */
@SpringBootTest(properties = {
        "supportkb.data-dir=./target/test-data/${random.uuid}",
        "supportkb.indexing.index.poll-interval=50ms",
        "supportkb.tracing.flush-interval=50ms",
        "supportkb.answering.answerer=jlama",
        "supportkb.answering.generation.max-tokens=24",
        "supportkb.answering.generation.timeout=60s"})
@AutoConfigureMockMvc
class JlamaAnswererTest extends CorpusTest {

    private static final Path MODEL = writeModel();

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        registry.add("supportkb.answering.jlama.model-dir", MODEL::toString);
    }

    private static Path writeModel() {
        try {
            return TinyModelWriter.write(Files.createTempDirectory("supportkb-tiny-llama"),
                    TinyModelWriter.Spec.defaults());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected String collectionPrefix() {
        return "jlama";
    }

    @Test
    void generatesInProcessWithinTheContextAndRecordsPromptTokensAndTimings() throws Exception {
        MvcResult result = kb.query(corpus.collection(),
                        "{\"query\":\"how do I reset my password?\",\"answer\":true,\"topK\":5}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.hits[0].externalId").value("password"))
                .andExpect(jsonPath("$.answer.answerer").value("jlama"))
                .andReturn();
        String body = KnowledgeBase.body(result);

        assertThat((String) JsonPath.read(body, "$.answer.modelId")).startsWith("jlama:");
        assertThat((String) JsonPath.read(body, "$.answer.status")).isIn("ANSWERED", "NOT_ENOUGH_INFORMATION");
        assertThat((String) JsonPath.read(body, "$.answer.generated")).isNotBlank();
        assertThat((Integer) JsonPath.read(body, "$.answer.usage.completionTokens")).isBetween(1, 24);
        int promptTokens = JsonPath.read(body, "$.answer.prompt.tokens");
        assertThat(promptTokens + 24).isLessThanOrEqualTo(TinyModelWriter.Spec.defaults().contextTokens());
        assertThat((String) JsonPath.read(body, "$.answer.prompt.sha256")).hasSize(64);
        assertThat((Double) JsonPath.read(body, "$.answer.timings.generateMs")).isPositive();

        String traceId = JsonPath.read(body, "$.traceId");
        org.awaitility.Awaitility.await().untilAsserted(() -> mvc.perform(get("/api/v1/traces/" + traceId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.answer.prompt.sha256").value(JsonPath.<String>read(body, "$.answer.prompt.sha256")))
                .andExpect(jsonPath("$.answer.usage.completionTokens").isNumber())
                .andExpect(jsonPath("$.answer.generated").value(JsonPath.<String>read(body, "$.answer.generated"))));
    }

    @Test
    void streamsTheGeneratedTokensOneEventEach() throws Exception {
        MvcResult started = mvc.perform(post("/api/v1/collections/" + corpus.collection() + "/query")
                        .contentType(MediaType.APPLICATION_JSON).accept(MediaType.TEXT_EVENT_STREAM)
                        .content("{\"query\":\"how do refunds work for annual plans?\",\"answer\":true}"))
                .andExpect(request().asyncStarted()).andReturn();
        String stream = KnowledgeBase.body(mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn());

        long tokens = Pattern.compile("event:token").matcher(stream).results().count();
        assertThat(tokens).isGreaterThan(1);
        assertThat(stream.indexOf("event:hits")).isLessThan(stream.indexOf("event:token"));
        assertThat(stream).contains("event:result", "\"answerer\":\"jlama\"");
    }

    @Test
    void healthNamesTheAnswererAndItsModel() throws Exception {
        mvc.perform(get("/actuator/health/answerer"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.details.answerer").value("jlama"))
                .andExpect(jsonPath("$.details.fallback").doesNotExist());
    }

    @Test
    void theSamePassagesGiveTheSamePromptAndTheSameGeneration() throws Exception {
        KnowledgeBase.Corpus twin = kb.create("jlama-twin");
        String query = "{\"query\":\"what does the customs declaration need?\",\"answer\":true}";
        String first = KnowledgeBase.body(kb.query(corpus.collection(), query).andReturn());
        String second = KnowledgeBase.body(kb.query(twin.collection(), query).andReturn());

        assertThat((String) JsonPath.read(second, "$.cache")).isEqualTo("miss");
        assertThat((String) JsonPath.read(second, "$.answer.prompt.sha256"))
                .isEqualTo(JsonPath.read(first, "$.answer.prompt.sha256"));
        assertThat((String) JsonPath.read(second, "$.answer.generated"))
                .isEqualTo(JsonPath.read(first, "$.answer.generated"));
    }
}
