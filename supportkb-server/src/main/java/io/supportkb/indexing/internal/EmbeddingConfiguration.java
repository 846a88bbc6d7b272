package io.supportkb.indexing.internal;

import io.supportkb.indexing.IndexingProperties;
import io.supportkb.ml.chunk.Chunker;
import io.supportkb.ml.chunk.ChunkerConfig;
import io.supportkb.ml.embed.Embedder;
import io.supportkb.ml.embed.EmbedderConfig;
import io.supportkb.ml.embed.ModelSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedding model and chunker shared by the worker (passages) and the query path (queries). Loaded once at
 * startup from the classpath or a local folder; a missing or broken model fails startup naming the path.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddingConfiguration.class);

    @Bean(destroyMethod = "close")
    Embedder embedder(IndexingProperties settings) {
        IndexingProperties.Model model = settings.model();
        try {
            Embedder embedder = Embedder.load(ModelSource.of(model.name()),
                    new EmbedderConfig(model.sessions(), model.intraOpThreads(), 1, false,
                            model.queryIntraOpThreads()));
            log.info("embedding model {} loaded: {} dimensions, {} tokens max, {} pooling", embedder.model().id(),
                    embedder.model().dimensions(), embedder.model().maxTokens(), embedder.model().pooling());
            return embedder;
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot load embedding model '" + model.name()
                    + "' (supportkb.indexing.model.name): " + e.getMessage()
                    + ". Use a built-in id " + ModelSource.BUILTIN + " or a folder with model.onnx, tokenizer.json "
                    + "and supportkb-model.json.", e);
        }
    }

    @Bean
    Chunker chunker(Embedder embedder, IndexingProperties settings) {
        return new Chunker(embedder, new ChunkerConfig(settings.chunking().maxTokens(), settings.chunking().overlapTokens()));
    }
}
