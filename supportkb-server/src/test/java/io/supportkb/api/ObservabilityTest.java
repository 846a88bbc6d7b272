package io.supportkb.api;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import io.supportkb.support.Api;
import io.supportkb.support.EmbeddedModeTest;

@EmbeddedModeTest
class ObservabilityTest {

    @Autowired
    MockMvc mvc;

    @Test
    void reportsHealthWithTheDatabase() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components.db.status").value("UP"));
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
    }

    @Test
    void exposesJobGaugesAndStageTimingsToPrometheus() throws Exception {
        Api api = new Api(mvc);
        String c = api.newCollection("metrics");
        api.awaitStatus(c, api.submit(c, "{\"text\":\"Measured.\"}"), "INDEXED");
        mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("supportkb_ingest_jobs{")))
                .andExpect(content().string(containsString("supportkb_ingest_store_seconds_count")))
                .andExpect(content().string(containsString("supportkb_indexing_index_seconds_count")));
    }

    @Test
    void publishesTheOpenApiDocument() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/collections/{collection}/documents']").exists());
    }
}
