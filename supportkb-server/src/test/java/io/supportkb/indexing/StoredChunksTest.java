package io.supportkb.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import io.supportkb.support.Api;
import io.supportkb.support.EmbeddedModeTest;

@EmbeddedModeTest
class StoredChunksTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    StoredChunks chunks;
    @Autowired
    JdbcClient jdbc;

    @Test
    void readsAnIndexedDocumentsChunksWithOffsetsIntoItsText() throws Exception {
        Api api = new Api(mvc);
        String c = api.newCollection("chunks");
        String id = api.submit(c, "{\"title\":\"Guide\",\"text\":\"# Setup\\n\\nPlug it in.\\n\\nSwitch it on.\"}");
        api.awaitStatus(c, id, "INDEXED");
        String text = jdbc.sql("SELECT extracted_text FROM document WHERE id = ?").param(id).query(String.class).single();
        List<StoredChunks.StoredChunk> stored = chunks.ofDocument(id);
        assertThat(stored).extracting(StoredChunks.StoredChunk::text).containsExactly("# Setup", "Plug it in.", "Switch it on.");
        for (StoredChunks.StoredChunk chunk : stored) {
            assertThat(text.substring(chunk.charStart(), chunk.charEnd())).isEqualTo(chunk.text());
            assertThat(chunk.embedding()).isNull();
            assertThat(chunk.modelId()).isEqualTo("none");
        }
    }

    @Test
    void findsStoredEmbeddingsByChunkHashAndModel() throws Exception {
        Api api = new Api(mvc);
        String c = api.newCollection("reuse");
        String id = api.submit(c, "{\"text\":\"Embedded once.\"}");
        api.awaitStatus(c, id, "INDEXED");
        String hash = chunks.ofDocument(id).getFirst().contentHash();
        jdbc.sql("UPDATE chunk SET embedding = ?, embedding_model = 'm1' WHERE document_id = ?")
                .params(EmbeddingCodec.encode(new float[] {0.6f, -0.8f}), id).update();
        assertThat(chunks.embeddings(List.of(hash, "other"), "m1")).containsOnlyKeys(hash);
        assertThat(chunks.embeddings(List.of(hash), "m1").get(hash)).containsExactly(0.6f, -0.8f);
        assertThat(chunks.embeddings(List.of(hash), "m2")).isEmpty();
    }
}
