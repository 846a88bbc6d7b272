package io.supportkb.indexing.internal;

import io.supportkb.indexing.LiveIndex;
import io.supportkb.indexing.StoredChunks;
import io.supportkb.ml.index.IndexedChunk;
import io.supportkb.shared.UtcDateTime;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads INDEXED documents and their stored chunks for the {@link LiveIndex}. */
@Component
class IndexedDocumentRows implements LiveIndex.IndexedDocuments {

    private record Meta(String collectionId, String title, String kind, String tags, String language, LocalDateTime updatedAt) {
    }

    private final JdbcClient jdbc;
    private final StoredChunks chunks;
    private final JsonMapper json;

    IndexedDocumentRows(JdbcClient jdbc, StoredChunks chunks, JsonMapper json) {
        this.jdbc = jdbc;
        this.chunks = chunks;
        this.json = json;
    }

    @Override
    public List<IndexedChunk> searchableChunks(String documentId) {
        Optional<Meta> meta = jdbc.sql("SELECT collection_id, title, kind, tags, language, updated_at FROM document "
                        + "WHERE id = :id AND status = 'INDEXED'")
                .param("id", documentId)
                .query((rs, n) -> new Meta(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, LocalDateTime.class)))
                .optional();
        if (meta.isEmpty()) {
            return List.of();
        }
        Meta m = meta.get();
        List<String> tags = m.tags() == null ? List.of() : json.readValue(m.tags(), new TypeReference<List<String>>() { });
        long updated = m.updatedAt() == null ? 0 : UtcDateTime.toInstant(m.updatedAt()).toEpochMilli();
        String kind = m.kind().toLowerCase(Locale.ROOT);
        String title = m.title() == null ? "" : m.title();
        List<IndexedChunk> out = new ArrayList<>();
        for (StoredChunks.StoredChunk c : chunks.ofDocument(documentId)) {
            if (c.embedding() == null) {
                return List.of(); // not embedded (e.g. a test indexer): nothing to search by vector
            }
            out.add(new IndexedChunk(documentId + ":" + c.ordinal(), documentId, m.collectionId(), c.ordinal(), title,
                    contextBelowTitle(c.context(), title), c.text(), c.charStart(), c.charEnd(), kind, tags,
                    m.language() == null ? "" : m.language(), updated, c.embedding()));
        }
        return out;
    }

    /** The stored context is the heading path with the title first; BM25 already indexes the title separately. */
    private static String contextBelowTitle(String context, String title) {
        if (context == null) {
            return "";
        }
        if (!title.isEmpty() && context.startsWith(title)) {
            String rest = context.substring(title.length());
            return rest.startsWith(" > ") ? rest.substring(3) : rest;
        }
        return context;
    }

    @Override
    public List<String> replacedBy(String documentId) {
        return jdbc.sql("SELECT id FROM document WHERE replaced_by = :id").param("id", documentId).query(String.class).list();
    }
}
