package io.supportkb.support;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;

import org.awaitility.Awaitility;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Small helpers over MockMvc for API tests. */
public final class Api {

    private final MockMvc mvc;

    public Api(MockMvc mvc) {
        this.mvc = mvc;
    }

    /** Creates a collection with a unique id starting with {@code prefix}. */
    public String newCollection(String prefix) throws Exception {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/api/v1/collections").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"" + id + "\"}"))
                .andExpect(result -> {
                    if (result.getResponse().getStatus() != 201) {
                        throw new AssertionError("create collection: " + result.getResponse().getContentAsString());
                    }
                });
        return id;
    }

    /** Submits a JSON document and returns its id. */
    public String submit(String collection, String json) throws Exception {
        MvcResult result = mvc.perform(post("/api/v1/collections/" + collection + "/documents")
                .contentType(MediaType.APPLICATION_JSON).content(json)).andReturn();
        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        if (result.getResponse().getStatus() / 100 != 2) {
            throw new AssertionError("submit: " + result.getResponse().getStatus() + " " + body);
        }
        return JsonPath.read(body, "$.documentId");
    }

    public String document(String collection, String id) throws Exception {
        return mvc.perform(get("/api/v1/collections/" + collection + "/documents/" + id)).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    public String status(String collection, String id) throws Exception {
        return JsonPath.read(document(collection, id), "$.status");
    }

    /** Waits until the document reaches {@code status}; returns its JSON. */
    public String awaitStatus(String collection, String id, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> status.equals(status(collection, id)));
        try {
            return document(collection, id);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
