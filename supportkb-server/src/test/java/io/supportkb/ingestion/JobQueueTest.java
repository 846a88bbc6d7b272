package io.supportkb.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.ArrayList;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import io.supportkb.ingestion.internal.CandidateValidator;
import io.supportkb.ingestion.internal.DocumentStore;
import io.supportkb.shared.UtcDateTime;
import io.supportkb.support.Api;
import io.supportkb.support.EmbeddedModeTest;
import io.supportkb.support.GatedIndexer;

@EmbeddedModeTest
class JobQueueTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    GatedIndexer indexer;
    @Autowired
    DocumentStore store;
    @Autowired
    CandidateValidator validator;
    @Autowired
    TransactionTemplate tx;

    Api api;
    String collection;

    @BeforeEach
    void collection() throws Exception {
        api = new Api(mvc);
        collection = api.newCollection("jobs");
    }

    @Test
    void failsAPoisonDocumentAfterFiveAttemptsWithoutBlockingOthers() throws Exception {
        String poison = api.submit(collection, "{\"text\":\"POISON pill\"}");
        String healthy = api.submit(collection, "{\"text\":\"A healthy article.\"}");
        api.awaitStatus(collection, healthy, "INDEXED");
        String doc = api.awaitStatus(collection, poison, "FAILED");
        assertThat((Integer) JsonPath.read(doc, "$.attempts")).isEqualTo(5);
        assertThat((String) JsonPath.read(doc, "$.lastError")).contains("poisoned document");
        assertThat(indexer.calls(poison)).isEqualTo(5);
        mvc.perform(get("/api/v1/collections/" + collection + "/ingestion"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.documents.FAILED").value(1))
                .andExpect(jsonPath("$.documents.INDEXED").value(1))
                .andExpect(jsonPath("$.pending").value(0))
                .andExpect(jsonPath("$.recentFailures[0].documentId").value(poison))
                .andExpect(jsonPath("$.recentFailures[0].error").value(org.hamcrest.Matchers.containsString("poisoned")));
    }

    @Test
    void retriesFailedDocumentsOnRequest() throws Exception {
        String flaky = api.submit(collection, "{\"text\":\"BROKEN:retry until repaired\"}");
        api.awaitStatus(collection, flaky, "FAILED");
        indexer.repair("retry");
        mvc.perform(post("/api/v1/collections/" + collection + "/documents:retry-failed"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.requeued").value(1));
        String doc = api.awaitStatus(collection, flaky, "INDEXED");
        assertThat((Integer) JsonPath.read(doc, "$.attempts")).isEqualTo(1);
        assertThat((Object) JsonPath.read(doc, "$.lastError")).isNull();
    }

    @Test
    void anotherWorkerTakesOverAnExpiredLeaseAndTheOldOneIsFencedOff() throws Exception {
        String id = api.submit(collection, "{\"text\":\"First paragraph GATE:lease\\n\\nSecond paragraph.\"}");
        api.awaitStatus(collection, id, "PROCESSING");
        // the holder "dies": its lease now belongs to nobody alive and has expired
        jdbc.sql("UPDATE ingest_job SET lease_owner = 'dead-worker/1', lease_until = ? WHERE document_id = ?")
                .params(UtcDateTime.of(Instant.now().minusSeconds(60)), id).update();
        org.awaitility.Awaitility.await().until(() -> indexer.calls(id) == 2);
        indexer.open("lease");
        String doc = api.awaitStatus(collection, id, "INDEXED");
        assertThat((Integer) JsonPath.read(doc, "$.attempts")).isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM chunk WHERE document_id = ?").param(id).query(Integer.class).single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM index_change WHERE document_id = ?").param(id)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theReconcilerSendsAWakeUpThatWasNeverPublished() throws Exception {
        // a process that died between the commit and the wake-up: the job exists, nobody was told
        String id = tx.execute(status -> store.store(collection,
                validator.fromDocument(new NewDocument(null, null, "Stored but never announced.", null, null,
                        null, null, null, null)), new ArrayList<>())).documentId();
        assertThat(api.status(collection, id)).isEqualTo("RECEIVED");
        api.awaitStatus(collection, id, "INDEXED");
    }
}
