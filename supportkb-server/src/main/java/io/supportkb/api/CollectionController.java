package io.supportkb.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.supportkb.ingestion.CollectionCatalog;
import io.supportkb.ingestion.CollectionView;
import io.supportkb.ingestion.DocumentCatalog;
import io.supportkb.ingestion.IngestionRejected;
import io.supportkb.ingestion.IngestionStats;
import io.supportkb.shared.ConditionalOnRole;
import io.supportkb.shared.Role;

/** Collections and their ingestion progress. */
@RestController
@RequestMapping("/api/v1/collections")
@ConditionalOnRole(Role.API)
public class CollectionController {

    /** Body of {@code POST /collections}. */
    public record NewCollection(String id, String description) {
    }

    /** Body of {@code GET /collections}. */
    public record CollectionList(List<CollectionView> items) {
    }

    private final CollectionCatalog collections;
    private final DocumentCatalog documents;

    public CollectionController(CollectionCatalog collections, DocumentCatalog documents) {
        this.collections = collections;
        this.documents = documents;
    }

    @PostMapping
    public ResponseEntity<CollectionView> create(@RequestBody NewCollection body) {
        if (body == null) {
            throw IngestionRejected.invalidField("id", "A collection needs an id.");
        }
        CollectionView created = collections.create(body.id(), body.description());
        return ResponseEntity.created(URI.create("/api/v1/collections/" + created.id())).body(created);
    }

    @GetMapping
    public CollectionList list() {
        return new CollectionList(collections.list());
    }

    @GetMapping("/{collection}")
    public CollectionView get(@PathVariable String collection) {
        return collections.get(collection);
    }

    @DeleteMapping("/{collection}")
    public ResponseEntity<Void> delete(@PathVariable String collection) {
        collections.delete(collection);
        return ResponseEntity.noContent().build();
    }

    /** Counts by state, documents and chunks per second over the window, ETA and recent failures. */
    @GetMapping("/{collection}/ingestion")
    public IngestionStats ingestion(@PathVariable String collection,
                                    @RequestParam(defaultValue = "60") int windowSeconds) {
        if (windowSeconds < 1 || windowSeconds > 86_400) {
            throw IngestionRejected.invalidField("windowSeconds", "windowSeconds is between 1 and 86400.");
        }
        return documents.stats(collection, Duration.ofSeconds(windowSeconds));
    }

    /** Re-queues every FAILED document of the collection. */
    @PostMapping("/{collection}/documents:retry-failed")
    public ResponseEntity<Map<String, Object>> retryFailed(@PathVariable String collection) {
        int requeued = documents.retryFailed(collection);
        return ResponseEntity.accepted().body(Map.of("collection", collection, "requeued", requeued,
                "statusUrl", "/api/v1/collections/" + collection + "/ingestion"));
    }
}
