package io.supportkb.indexing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.supportkb.ml.embed.Embedder;
import io.supportkb.ml.index.DocumentHit;
import io.supportkb.ml.index.SearchFilters;
import io.supportkb.ml.index.SearchMode;
import io.supportkb.ml.index.SearchRequest;
import io.supportkb.support.Api;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The real model indexer end to end: upload → chunks with embeddings → this node's Lucene index follows. */
@SpringBootTest(properties = {"supportkb.data-dir=./target/test-data/${random.uuid}",
        "supportkb.ingestion.jobs.reconcile-interval=300ms", "supportkb.indexing.poll-timeout=200ms",
        "supportkb.indexing.index.poll-interval=50ms"})
@AutoConfigureMockMvc
class LiveIndexTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    LiveIndex index;
    @Autowired
    Embedder embedder;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anIndexedDocumentIsSearchableAndADeletedOneNeverComesBack() throws Exception {
        Api api = new Api(mvc);
        String c = api.newCollection("live");
        String refund = api.submit(c, """
                {"externalId":"kb-1","title":"Refund policy","kind":"article",
                 "text":"# Refunds\\n\\nRefunds go back to the original payment method within 5 to 10 business days."}""");
        String password = api.submit(c, """
                {"externalId":"kb-2","title":"Passwords","kind":"article",
                 "text":"# Reset your password\\n\\nOpen Settings, then Security, and choose Reset password."}""");
        api.awaitStatus(c, refund, "INDEXED");
        api.awaitStatus(c, password, "INDEXED");
        assertThat(jdbc.sql("SELECT embedding_model FROM chunk WHERE document_id = :d").param("d", refund)
                .query(String.class).list()).containsOnly(embedder.model().id());

        await().atMost(Duration.ofSeconds(10)).until(() -> top(c, "how long until I get my money back") .equals(refund));
        assertThat(top(c, "I forgot my password")).isEqualTo(password);

        long before = index.collectionGeneration(c);
        mvc.perform(delete("/api/v1/collections/{c}/documents/{id}", c, refund)).andExpect(status().is2xxSuccessful());
        await().atMost(Duration.ofSeconds(10)).until(() -> hits(c, "refund money back").stream()
                .noneMatch(h -> h.documentId().equals(refund)));
        assertThat(index.collectionGeneration(c)).isGreaterThan(before);
    }

    @Test
    void aReplacedDocumentIsSwappedAndUnchangedChunksReuseTheirEmbeddings() throws Exception {
        Api api = new Api(mvc);
        String c = api.newCollection("replace");
        String section = "# Shipping\\n\\nParcels ship from our warehouse every weekday before noon.";
        String v1 = api.submit(c, "{\"externalId\":\"ship\",\"title\":\"Shipping\",\"text\":\"" + section
                + "\\n\\n# Customs\\n\\nCustoms forms are printed with the label.\"}");
        api.awaitStatus(c, v1, "INDEXED");
        String v2 = mvc.perform(put("/api/v1/collections/{c}/documents/external/{e}", c, "ship")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"Shipping\",\"text\":\"" + section
                                + "\\n\\n# Customs\\n\\nCustoms declarations are filled in online.\"}"))
                .andReturn().getResponse().getContentAsString();
        String v2id = com.jayway.jsonpath.JsonPath.read(v2, "$.documentId");
        api.awaitStatus(c, v2id, "INDEXED");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<DocumentHit> hits = hits(c, "when do parcels ship");
            return hits.size() == 1 && hits.get(0).documentId().equals(v2id);
        });
        // Same embedding text + same model → the stored vector is reused byte for byte.
        byte[] oldShipping = jdbc.sql("SELECT embedding FROM chunk WHERE document_id = :d AND ordinal = 0")
                .param("d", v2id).query(byte[].class).single();
        byte[] fresh = EmbeddingCodec.encode(embedder.embedPassages(List.of(
                jdbc.sql("SELECT context FROM chunk WHERE document_id = :d AND ordinal = 0").param("d", v2id)
                        .query(String.class).single() + "\n"
                        + jdbc.sql("SELECT text FROM chunk WHERE document_id = :d AND ordinal = 0").param("d", v2id)
                        .query(String.class).single())).get(0));
        assertThat(oldShipping).isEqualTo(fresh);
    }

    @Test
    void rebuildReplaysTheLogFromStoredEmbeddingsWithoutTheModel() throws Exception {
        Api api = new Api(mvc);
        String c = api.newCollection("rebuild");
        String doc = api.submit(c, "{\"title\":\"Invoices\",\"text\":\"Invoices are emailed on the first day of each month.\"}");
        api.awaitStatus(c, doc, "INDEXED");
        await().atMost(Duration.ofSeconds(10)).until(() -> top(c, "when do I get my invoice").equals(doc));
        int replayed = index.rebuild();
        assertThat(replayed).isPositive();
        assertThat(top(c, "when do I get my invoice")).isEqualTo(doc);
    }

    private String top(String collection, String query) {
        List<DocumentHit> hits = hits(collection, query);
        return hits.isEmpty() ? "" : hits.get(0).documentId();
    }

    private List<DocumentHit> hits(String collection, String query) {
        return index.search(new SearchRequest(collection, query, embedder.embedQuery(query), SearchMode.HYBRID, 5, 1,
                SearchFilters.none(), 0)).hits();
    }
}
