package io.supportkb.ml.index;

/** {@link KnowledgeIndexFilterTest} with the exact scan switched off: filters inside the HNSW graph search. */
class KnowledgeIndexFilterHnswTest extends KnowledgeIndexFilterTest {

    @Override
    IndexConfig config() {
        return IndexConfig.defaults().withExactSearchMaxChunks(0);
    }
}
