package io.supportkb.search;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;

import org.awaitility.Awaitility;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import io.supportkb.indexing.LiveIndex;
import io.supportkb.support.Api;

/** A tiny support knowledge base written through the API, and helpers to query it over HTTP. */
public final class KnowledgeBase {

    /** Document external id → JSON body. Five documents, one per kind, distinct topics. */
    public static final Map<String, String> DOCUMENTS = Map.of(
            "password", """
                    {"externalId":"password","title":"Resetting your password","kind":"article","tags":["account"],
                     "language":"en","text":"To reset your password, open Settings, then Security, and click Reset \
                    password. We email you a link that expires after 24 hours. If the email does not arrive, check \
                    the spam folder."}""",
            "refunds", """
                    {"externalId":"refunds","title":"How do refunds work?","kind":"faq","tags":["billing"],
                     "language":"en","text":"Annual plans are refunded in full within 30 days of purchase. Monthly \
                    plans can be refunded within 14 days of the first charge. Refunds go back to the original card."}""",
            "blank-labels", """
                    {"externalId":"blank-labels","title":"Printer prints blank labels","kind":"ticket",
                     "tags":["printing"],"language":"en","text":"Customer: my thermal printer feeds the labels but \
                    they come out blank.\\n\\nAgent: switch the print mode from Driver (PDF) to Raw ZPL in the \
                    printer settings and print a test label."}""",
            "carrier-outage", """
                    {"externalId":"carrier-outage","title":"Escalating a carrier outage","kind":"runbook",
                     "tags":["carriers","ops"],"language":"en","text":"When a carrier API has been failing for more \
                    than 15 minutes, page the on-call engineer, post a status page update and pause label purchases \
                    for that carrier."}""",
            "customs", """
                    {"externalId":"customs","title":"Customs declarations for international parcels","kind":"other",
                     "tags":["shipping"],"language":"fr","text":"International parcels need a customs declaration \
                    with the contents, the value, the weight and the HS tariff code of every item."}""");

    private final MockMvc mvc;
    private final Api api;
    private final LiveIndex index;

    public KnowledgeBase(MockMvc mvc, LiveIndex index) {
        this.mvc = mvc;
        this.api = new Api(mvc);
        this.index = index;
    }

    /** A collection and its documents' ids by external id. */
    public record Corpus(String collection, Map<String, String> ids) {
        public String id(String externalId) {
            return ids.get(externalId);
        }
    }

    /** A new collection holding {@link #DOCUMENTS}, indexed and applied to the live index. */
    public Corpus create(String prefix) throws Exception {
        String collection = api.newCollection(prefix);
        Map<String, String> ids = new java.util.HashMap<>();
        for (var doc : DOCUMENTS.entrySet()) {
            ids.put(doc.getKey(), api.submit(collection, doc.getValue()));
        }
        for (String id : ids.values()) {
            api.awaitStatus(collection, id, "INDEXED");
        }
        awaitApplied();
        return new Corpus(collection, Map.copyOf(ids));
    }

    public String newCollection(String prefix) throws Exception {
        return api.newCollection(prefix);
    }

    public String add(String collection, String json) throws Exception {
        String id = api.submit(collection, json);
        api.awaitStatus(collection, id, "INDEXED");
        awaitApplied();
        return id;
    }

    public void delete(String collection, String documentId) throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete(
                "/api/v1/collections/" + collection + "/documents/" + documentId));
        awaitApplied();
    }

    /** Waits until this node's index has applied every change in the database's log. */
    public void awaitApplied() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> index.lag() == 0);
    }

    public ResultActions query(String collection, String body) throws Exception {
        return mvc.perform(post("/api/v1/collections/" + collection + "/query")
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    public ResultActions explain(String collection, String body) throws Exception {
        return mvc.perform(post("/api/v1/collections/" + collection + "/explain")
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    public static String body(MvcResult result) {
        return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
    }

    public static List<String> externalIds(MvcResult result) {
        return JsonPath.read(body(result), "$.hits[*].externalId");
    }

    public static String json(String text) {
        return Api.json(text);
    }
}
