package io.supportkb.search;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import io.supportkb.indexing.LiveIndex;

/**
 * A test class that queries one {@link KnowledgeBase} corpus, written once before its tests through the HTTP API and
 * awaited until this node's index has applied it. Subclasses bring the Spring test annotations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CorpusTest {

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected LiveIndex index;

    protected KnowledgeBase kb;
    protected KnowledgeBase.Corpus corpus;

    /** The prefix of the corpus's collection id. */
    protected abstract String collectionPrefix();

    @BeforeAll
    void writeCorpus() throws Exception {
        kb = new KnowledgeBase(mvc, index);
        corpus = kb.create(collectionPrefix());
    }
}
