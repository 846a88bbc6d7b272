package io.supportkb.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import io.supportkb.support.Api;
import io.supportkb.support.EmbeddedModeTest;
import io.supportkb.support.GatedIndexer;

@EmbeddedModeTest
class JsonDocumentApiTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    GatedIndexer indexer;

    Api api;
    String collection;

    @BeforeEach
    void collection() throws Exception {
        api = new Api(mvc);
        collection = api.newCollection("json");
    }

    ResultActions post(String body) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/v1/collections/" + collection + "/documents")
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    int chunks(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM chunk WHERE document_id = ?").param(id).query(Integer.class).single();
    }

    List<String> changes(String id) {
        return jdbc.sql("SELECT op FROM index_change WHERE document_id = ? ORDER BY generation").param(id)
                .query(String.class).list();
    }

    @Test
    void indexesAJsonDocumentWithItsAttributes() throws Exception {
        String body = post("""
                {"externalId":"kb-1","title":"Reset password","text":"Open settings.\\n\\nClick reset.",
                 "kind":"faq","tags":["account","login"],"metadata":{"product":"acme"},"language":"en"}""")
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.outcome").value("ACCEPTED"))
                .andExpect(jsonPath("$.version").value(1))
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(body, "$.documentId");
        String doc = api.awaitStatus(collection, id, "INDEXED");
        assertThat((String) JsonPath.read(doc, "$.kind")).isEqualTo("faq");
        assertThat((List<String>) JsonPath.read(doc, "$.tags")).containsExactly("account", "login");
        assertThat((String) JsonPath.read(doc, "$.metadata.product")).isEqualTo("acme");
        assertThat((Integer) JsonPath.read(doc, "$.chunkCount")).isEqualTo(2);
        assertThat(chunks(id)).isEqualTo(2);
        assertThat(changes(id)).containsExactly("UPSERT");
        mvc.perform(get("/api/v1/collections/" + collection + "/documents").param("tag", "login").param("kind", "faq"))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].id").value(id));
    }

    @Test
    void answersTheSameContentWithTheExistingDocument() throws Exception {
        String first = api.submit(collection, "{\"text\":\"Same words.\"}");
        post("{\"externalId\":\"other\",\"text\":\"Same words.  \\r\\n\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("DUPLICATE"))
                .andExpect(jsonPath("$.documentId").value(first));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ingest_job j JOIN document d ON d.id = j.document_id "
                + "WHERE d.collection_id = ?").param(collection).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void storesTheCanonicalTextWithMisdecodedWindows1252Repaired() throws Exception {
        // \u0096 and \u0092 are Windows-1252 dash and apostrophe read as Latin-1; dropping them glued "1" and "4"
        String id = api.submit(collection, """
                {"title":"Steps\\u0096 \\n reset","text":"Steps 1\\u00964: don\\u0092t wait.\\fNext page."}""");
        api.awaitStatus(collection, id, "INDEXED");
        assertThat(jdbc.sql("SELECT title FROM document WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("Steps\u2013 reset");
        assertThat(jdbc.sql("SELECT extracted_text FROM document WHERE id = ?").param(id).query(String.class).single())
                .isEqualTo("Steps 1\u20134: don\u2019t wait.\nNext page.");
    }

    @Test
    void keepsTheOldVersionSearchableUntilTheReplacementIsIndexed() throws Exception {
        String v1 = api.submit(collection, "{\"externalId\":\"policy\",\"text\":\"Refunds within 14 days.\"}");
        api.awaitStatus(collection, v1, "INDEXED");
        String v2 = JsonPath.read(mvc.perform(put("/api/v1/collections/" + collection + "/documents/external/policy")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"Refunds within 30 days. GATE:replace\"}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.version").value(2))
                .andReturn().getResponse().getContentAsString(), "$.documentId");
        api.awaitStatus(collection, v2, "PROCESSING");
        assertThat(api.status(collection, v1)).isEqualTo("INDEXED");
        assertThat(chunks(v1)).isEqualTo(1);
        indexer.open("replace");
        api.awaitStatus(collection, v2, "INDEXED");
        String old = api.document(collection, v1);
        assertThat((String) JsonPath.read(old, "$.status")).isEqualTo("DELETED");
        assertThat((String) JsonPath.read(old, "$.replacedBy")).isEqualTo(v2);
        assertThat(chunks(v1)).isZero();
        assertThat(changes(v1)).containsExactly("UPSERT", "DELETE");
        long upsertV2 = jdbc.sql("SELECT generation FROM index_change WHERE document_id = ? AND op = 'UPSERT'")
                .param(v2).query(Long.class).single();
        long deleteV1 = jdbc.sql("SELECT generation FROM index_change WHERE document_id = ? AND op = 'DELETE'")
                .param(v1).query(Long.class).single();
        assertThat(Math.abs(upsertV2 - deleteV1)).isEqualTo(1);
    }

    @Test
    void deletesADocumentAndItsChunks() throws Exception {
        String id = api.submit(collection, "{\"externalId\":\"gone\",\"text\":\"Temporary.\"}");
        api.awaitStatus(collection, id, "INDEXED");
        mvc.perform(delete("/api/v1/collections/" + collection + "/documents/" + id)).andExpect(status().isNoContent());
        assertThat(api.status(collection, id)).isEqualTo("DELETED");
        assertThat(chunks(id)).isZero();
        assertThat(changes(id)).containsExactly("UPSERT", "DELETE");
        mvc.perform(get("/api/v1/collections/" + collection + "/documents")).andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void namesTheFieldOfAWrongTypedValue() throws Exception {
        post("{\"text\":\"x\",\"tags\":\"billing\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://supportkb.io/problems/invalid-field"))
                .andExpect(jsonPath("$.field").value("tags"));
        post("{\"text\":{\"nested\":true}}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("text"));
        post("{\"text\":\"x\",\"kind\":\"poem\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("kind"));
    }

    @Test
    void rejectsEmptyTextMalformedJsonAndInvalidUtf8() throws Exception {
        post("{\"text\":\"   \"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://supportkb.io/problems/empty-document"));
        post("{\"text\": \"unterminated")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://supportkb.io/problems/malformed-json"));
        byte[] invalid = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', 'a', (byte) 0xC3, (byte) 0x28, '"', '}'};
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .post("/api/v1/collections/" + collection + "/documents")
                        .contentType(MediaType.APPLICATION_JSON).content(invalid))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://supportkb.io/problems/invalid-encoding"));
    }

    @Test
    void rejectsAJsonBodyOverTheLimit() throws Exception {
        String huge = "{\"text\":\"" + "a".repeat(2 * 1024 * 1024 + 10) + "\"}";
        post(huge)
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.limit").value(2 * 1024 * 1024));
    }

    @Test
    void answersUnknownDocumentWith404() throws Exception {
        mvc.perform(get("/api/v1/collections/" + collection + "/documents/not-an-id"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://supportkb.io/problems/unknown-document"));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/collections/missing-" + collection + "/documents")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"x\"}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void refusesAnUnsupportedRequestType() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .post("/api/v1/collections/" + collection + "/documents")
                        .contentType(MediaType.TEXT_PLAIN).content("hello".getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.type").value("https://supportkb.io/problems/unsupported-request-type"));
    }
}
