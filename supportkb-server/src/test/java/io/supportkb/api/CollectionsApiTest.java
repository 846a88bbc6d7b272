package io.supportkb.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import io.supportkb.support.Api;
import io.supportkb.support.EmbeddedModeTest;

@EmbeddedModeTest
class CollectionsApiTest {

    @Autowired
    MockMvc mvc;

    @Test
    void createsListsAndDeletesACollection() throws Exception {
        mvc.perform(post("/api/v1/collections").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"help-centre\",\"description\":\"Acme help centre\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/collections/help-centre"))
                .andExpect(jsonPath("$.id").value("help-centre"))
                .andExpect(jsonPath("$.documents.INDEXED").value(0));
        mvc.perform(get("/api/v1/collections"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.id == 'help-centre')].description").value("Acme help centre"));
        mvc.perform(delete("/api/v1/collections/help-centre")).andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/collections/help-centre"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://supportkb.io/problems/unknown-collection"));
    }

    @Test
    void countsDocumentsByStatus() throws Exception {
        Api api = new Api(mvc);
        String c = api.newCollection("counts");
        String id = api.submit(c, "{\"text\":\"How to reset a password.\"}");
        api.awaitStatus(c, id, "INDEXED");
        mvc.perform(get("/api/v1/collections/" + c))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.documents.INDEXED").value(1))
                .andExpect(jsonPath("$.documents.FAILED").value(0));
    }

    @Test
    void refusesADuplicateCollection() throws Exception {
        String c = new Api(mvc).newCollection("dup");
        mvc.perform(post("/api/v1/collections").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"" + c + "\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("https://supportkb.io/problems/collection-exists"));
    }

    @Test
    void refusesAnInvalidCollectionId() throws Exception {
        mvc.perform(post("/api/v1/collections").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"../etc\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://supportkb.io/problems/invalid-field"))
                .andExpect(jsonPath("$.field").value("id"));
    }

    @Test
    void answersUnknownRoutesWithAProblemDetail() throws Exception {
        mvc.perform(get("/api/v1/nope"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://supportkb.io/problems/not-found"));
    }
}
