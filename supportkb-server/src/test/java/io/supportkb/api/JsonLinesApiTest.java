package io.supportkb.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import io.supportkb.support.Api;
import io.supportkb.support.EmbeddedModeTest;

@EmbeddedModeTest
class JsonLinesApiTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @Test
    void acceptsGoodLinesAndReportsEachBadOneWithItsLineNumber() throws Exception {
        Api api = new Api(mvc);
        String collection = api.newCollection("jsonl");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        line(body, "{\"externalId\":\"a-1\",\"title\":\"Shipping\",\"text\":\"We ship worldwide.\"}");   // 1
        line(body, """
                {"externalId":"T-100","subject":"Cannot log in","tags":["login"],"messages":[\
                {"role":"customer","body":"I cannot log in.","at":"2024-05-01T10:00:00Z"},\
                {"role":"agent","body":"# Reset your password\\nfrom the login page.","at":"2024-05-01T10:05:00Z"}],\
                "resolution":"Password reset fixed it."}""");                                           // 2
        line(body, "{not json");                                                                         // 3
        body.write(new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xFF, '"', '}', '\n'}); // 4
        line(body, "{\"text\":\"" + "x".repeat(70_000) + "\"}");                                        // 5
        line(body, "{\"text\":\"fine\",\"tags\":{\"a\":1}}");                                           // 6
        line(body, "   ");                                                                               // 7
        line(body, "{\"externalId\":\"a-2\",\"text\":\"We ship worldwide.\"}");                         // 8
        line(body, "{\"subject\":\"No id\",\"messages\":[{\"role\":\"customer\",\"body\":\"hi\"}]}");   // 9
        line(body, "[1,2]");                                                                             // 10
        body.write("{\"text\":\"Last line without newline.\"}".getBytes(StandardCharsets.UTF_8));        // 11

        String report = mvc.perform(post("/api/v1/collections/" + collection + "/documents")
                        .contentType("application/x-ndjson").content(body.toByteArray()))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.lines").value(10))
                .andExpect(jsonPath("$.accepted").value(3))
                .andExpect(jsonPath("$.duplicates").value(1))
                .andExpect(jsonPath("$.rejected").value(6))
                .andExpect(jsonPath("$.results[0].line").value(1))
                .andExpect(jsonPath("$.results[0].outcome").value("ACCEPTED"))
                .andExpect(jsonPath("$.results[2].line").value(3))
                .andExpect(jsonPath("$.results[2].error.type").value("https://supportkb.io/problems/malformed-json"))
                .andExpect(jsonPath("$.results[3].error.type").value("https://supportkb.io/problems/invalid-encoding"))
                .andExpect(jsonPath("$.results[4].error.type").value("https://supportkb.io/problems/payload-too-large"))
                .andExpect(jsonPath("$.results[4].error.limit").value(65536))
                .andExpect(jsonPath("$.results[5].error.field").value("tags"))
                .andExpect(jsonPath("$.results[6].line").value(8))
                .andExpect(jsonPath("$.results[6].outcome").value("DUPLICATE"))
                .andExpect(jsonPath("$.results[7].error.field").value("externalId"))
                .andExpect(jsonPath("$.results[8].line").value(10))
                .andExpect(jsonPath("$.results[9].line").value(11))
                .andExpect(jsonPath("$.results[9].outcome").value("ACCEPTED"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        String first = JsonPath.read(report, "$.results[0].documentId");
        assertThat((String) JsonPath.read(report, "$.results[6].documentId")).isEqualTo(first);
        String ticket = JsonPath.read(report, "$.results[1].documentId");
        String doc = api.awaitStatus(collection, ticket, "INDEXED");
        assertThat((String) JsonPath.read(doc, "$.title")).isEqualTo("Cannot log in");
        assertThat((String) JsonPath.read(doc, "$.kind")).isEqualTo("ticket");
        assertThat((String) JsonPath.read(doc, "$.format")).isEqualTo("ticket");
        assertThat(jdbc.sql("SELECT extracted_text FROM document WHERE id = ?").param(ticket).query(String.class).single())
                .isEqualTo("""
                        ### customer (2024-05-01T10:00:00Z)

                        I cannot log in.

                        ### agent (2024-05-01T10:05:00Z)

                        \\# Reset your password
                        from the login page.

                        ### resolution

                        Password reset fixed it.""");
    }

    private static void line(ByteArrayOutputStream out, String json) {
        out.writeBytes((json + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
