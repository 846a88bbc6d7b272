package io.supportkb.indexing;

import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads table {@code chunk}: a document's stored chunks (to rebuild or follow a Lucene index without
 * re-embedding) and embeddings already computed for a chunk text by a model (so a replacement re-embeds
 * only the chunks whose text changed).
 */
@Repository
public class StoredChunks {

    /** A stored chunk; {@code embedding} is null when the chunk was not embedded. */
    public record StoredChunk(String documentId, String collectionId, int ordinal, String text, String context,
                              int charStart, int charEnd, int tokenCount, String contentHash, float[] embedding,
                              String modelId) {
    }

    private static final int IN_LIST = 500;

    private final JdbcClient jdbc;

    public StoredChunks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The chunks of one document in ordinal order (empty when it has none or is not INDEXED). */
    public List<StoredChunk> ofDocument(String documentId) {
        return jdbc.sql("""
                SELECT document_id, collection_id, ordinal, text, context, char_start, char_end, token_count,
                       content_hash, embedding, embedding_model
                FROM chunk WHERE document_id = :id ORDER BY ordinal""")
                .param("id", documentId)
                .query((rs, n) -> new StoredChunk(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getString(9),
                        EmbeddingCodec.decode(rs.getBytes(10)), rs.getString(11)))
                .list();
    }

    /** Embeddings stored by {@code modelId} for any of these chunk content hashes, by hash. */
    public Map<String, float[]> embeddings(Collection<String> contentHashes, String modelId) {
        Map<String, float[]> found = new HashMap<>();
        List<String> hashes = List.copyOf(contentHashes);
        for (int from = 0; from < hashes.size(); from += IN_LIST) {
            List<String> slice = hashes.subList(from, Math.min(hashes.size(), from + IN_LIST));
            jdbc.sql("SELECT content_hash, embedding FROM chunk WHERE embedding_model = :model "
                            + "AND content_hash IN (:hashes) AND embedding IS NOT NULL")
                    .param("model", modelId).param("hashes", slice)
                    .query((ResultSet rs) -> {
                        found.putIfAbsent(rs.getString(1), EmbeddingCodec.decode(rs.getBytes(2)));
                    });
        }
        return found;
    }
}
