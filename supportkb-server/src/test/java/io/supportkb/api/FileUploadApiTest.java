package io.supportkb.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import io.supportkb.support.Api;
import io.supportkb.support.EmbeddedModeTest;
import io.supportkb.support.Fixtures;

@EmbeddedModeTest
class FileUploadApiTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    Api api;
    String collection;

    @BeforeEach
    void collection() throws Exception {
        api = new Api(mvc);
        collection = api.newCollection("files");
    }

    ResultActions upload(String filename, String contentType, byte[] bytes) throws Exception {
        return mvc.perform(multipart("/api/v1/collections/" + collection + "/documents")
                .file(new MockMultipartFile("file", filename, contentType, bytes)));
    }

    String accepted(ResultActions result) throws Exception {
        String body = result.andExpect(status().isAccepted())
                .andExpect(header().exists("Location"))
                .andExpect(jsonPath("$.statusUrl").exists())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return JsonPath.read(body, "$.documentId");
    }

    String extractedText(String id) {
        return jdbc.sql("SELECT extracted_text FROM document WHERE id = ?").param(id).query(String.class).single();
    }

    @Test
    void indexesAMarkdownFile() throws Exception {
        String id = accepted(upload("reset.md", "text/markdown", "# Reset\n\nOpen settings.\n\nClick reset.".getBytes()));
        String doc = api.awaitStatus(collection, id, "INDEXED");
        assertThat((Integer) JsonPath.read(doc, "$.chunkCount")).isEqualTo(3);
        assertThat((String) JsonPath.read(doc, "$.modelId")).isEqualTo("none");
        assertThat((String) JsonPath.read(doc, "$.format")).isEqualTo("markdown");
        assertThat((String) JsonPath.read(doc, "$.title")).isEqualTo("reset");
    }

    @Test
    void turnsHtmlIntoMarkdownLikeTextWithHeadings() throws Exception {
        byte[] html = """
                <html><head><title>Billing FAQ</title><style>p{}</style></head><body>
                <h1>Billing</h1><p>Invoices are sent   monthly.</p>
                <h2>Refunds</h2><ul><li>Within 30 days</li><li>Original method</li></ul>
                <script>alert(1)</script></body></html>""".getBytes(StandardCharsets.UTF_8);
        String id = accepted(upload("billing.html", "text/html", html));
        String doc = api.awaitStatus(collection, id, "INDEXED");
        assertThat((String) JsonPath.read(doc, "$.title")).isEqualTo("Billing FAQ");
        assertThat(extractedText(id)).isEqualTo("""
                # Billing

                Invoices are sent monthly.

                ## Refunds

                - Within 30 days
                - Original method""");
    }

    @Test
    void indexesPdfDocxAndEmail() throws Exception {
        String pdf = accepted(upload("guide.pdf", "application/pdf", Fixtures.pdf("Resetting the router", "Hold the button.")));
        String docx = accepted(upload("runbook.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                Fixtures.docx("Restart the service.", "Check the logs.")));
        String eml = accepted(upload("ticket.eml", "message/rfc822", Fixtures.email("Printer offline", "Turn it off and on.")));
        api.awaitStatus(collection, pdf, "INDEXED");
        api.awaitStatus(collection, docx, "INDEXED");
        String mail = api.awaitStatus(collection, eml, "INDEXED");
        assertThat(extractedText(pdf)).contains("Resetting the router");
        assertThat(extractedText(docx)).contains("Restart the service.").contains("Check the logs.");
        assertThat(extractedText(eml)).contains("Turn it off and on.");
        assertThat((String) JsonPath.read(mail, "$.title")).isEqualTo("Printer offline");
    }

    @Test
    void rejectsAnEmptyFile() throws Exception {
        upload("empty.txt", "text/plain", new byte[0])
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://supportkb.io/problems/empty-document"));
    }

    @Test
    void rejectsUploadOverTheSizeLimit() throws Exception {
        upload("big.txt", "text/plain", "a".repeat(1024 * 1024 + 1).getBytes())
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.type").value("https://supportkb.io/problems/payload-too-large"))
                .andExpect(jsonPath("$.limit").value(1024 * 1024));
    }

    @Test
    void rejectsAnUnsupportedType() throws Exception {
        upload("archive.zip", "application/zip", Fixtures.zip())
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.type").value("https://supportkb.io/problems/unsupported-media-type"))
                .andExpect(jsonPath("$.detectedType").value("application/zip"));
    }

    @Test
    void rejectsAContentTypeThatLiesAboutTheBytes() throws Exception {
        upload("report.pdf", "application/pdf", "<html><body><h1>Not a PDF</h1></body></html>".getBytes())
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.type").value("https://supportkb.io/problems/content-type-mismatch"))
                .andExpect(jsonPath("$.declaredType").value("application/pdf"))
                .andExpect(jsonPath("$.detectedType").value("text/html"));
    }

    @Test
    void rejectsATextFileThatIsNotUtf8() throws Exception {
        upload("notes.txt", "text/plain", new byte[] {'o', 'k', ' ', (byte) 0xC3, (byte) 0x28, ' ', 'x'})
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("https://supportkb.io/problems/invalid-encoding"))
                .andExpect(jsonPath("$.offset").value(3));
    }

    @Test
    void storesAPathTraversalFilenameSanitizedAndNeverAsAPath() throws Exception {
        String id = accepted(upload("../../etc/passwd", "text/plain", "root is not here".getBytes()));
        String doc = api.awaitStatus(collection, id, "INDEXED");
        assertThat((String) JsonPath.read(doc, "$.originalFilename")).isEqualTo("passwd");
        assertThat((String) JsonPath.read(doc, "$.externalId")).isEqualTo("passwd");
    }

    @Test
    void answersUnknownCollectionWith404() throws Exception {
        mvc.perform(multipart("/api/v1/collections/no-such-collection/documents")
                        .file(new MockMultipartFile("file", "a.txt", "text/plain", "x".getBytes())))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("https://supportkb.io/problems/unknown-collection"));
    }

    @Test
    void failsACorruptPdfWithAReadableErrorWithoutRetrying() throws Exception {
        byte[] corrupt = "%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage without xref".getBytes();
        String id = accepted(upload("broken.pdf", "application/pdf", corrupt));
        String doc = api.awaitStatus(collection, id, "FAILED");
        assertThat((String) JsonPath.read(doc, "$.lastError")).startsWith("The application/pdf file");
        assertThat((Integer) JsonPath.read(doc, "$.attempts")).isEqualTo(1);
    }

    @Test
    void stopsAZipBombAndStaysUp() throws Exception {
        String bomb = accepted(upload("bomb.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                Fixtures.docxBomb(3_000_000)));
        String doc = api.awaitStatus(collection, bomb, "FAILED");
        assertThat((String) JsonPath.read(doc, "$.lastError")).containsIgnoringCase("zip bomb");
        String after = accepted(upload("after.md", "text/markdown", "Still alive.".getBytes()));
        api.awaitStatus(collection, after, "INDEXED");
        mvc.perform(get("/actuator/health")).andExpect(jsonPath("$.status").value("UP"));
    }

    @Test
    void stopsADeeplyNestedDocument() throws Exception {
        String id = accepted(upload("deep.html", "text/html", Fixtures.deeplyNestedHtml(1_000)));
        String doc = api.awaitStatus(collection, id, "FAILED");
        assertThat((String) JsonPath.read(doc, "$.lastError")).contains("nest");
    }

    @Test
    void answersAnIdenticalUploadWithTheExistingDocument() throws Exception {
        byte[] pdf = Fixtures.pdf("Same bytes twice");
        String first = accepted(upload("same.pdf", "application/pdf", pdf));
        upload("same.pdf", "application/pdf", pdf)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("DUPLICATE"))
                .andExpect(jsonPath("$.documentId").value(first));
    }
}
