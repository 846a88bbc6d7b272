package io.supportkb.search.internal;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import io.supportkb.ingestion.CollectionCatalog;
import io.supportkb.ingestion.CollectionDeleted;
import io.supportkb.search.SearchProperties;
import io.supportkb.shared.ConditionalOnRole;
import io.supportkb.shared.Role;

/**
 * Answers "does this collection exist?" on the query path without a database round trip per query: a positive
 * answer is trusted for {@code supportkb.search.collection-check-ttl}; a deletion on this node is seen at once,
 * one on another node within the TTL (meanwhile its queries find nothing, since the index drops it). Unknown
 * collections are asked for every time and rejected with the {@code unknown-collection} problem. Thread-safe.
 */
@Component
@ConditionalOnRole(Role.API)
public class CollectionGuard {

    private final CollectionCatalog collections;
    private final Cache<String, Boolean> known;

    public CollectionGuard(CollectionCatalog collections, SearchProperties properties) {
        this.collections = collections;
        Duration ttl = properties.collectionCheckTtl();
        this.known = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(ttl).build();
    }

    /** Returns when the collection exists; otherwise throws the ingestion module's unknown-collection rejection. */
    public void require(String collection) {
        if (known.getIfPresent(collection) == null) {
            collections.get(collection);
            known.put(collection, Boolean.TRUE);
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(CollectionDeleted deleted) {
        known.invalidate(deleted.collectionId());
    }
}
