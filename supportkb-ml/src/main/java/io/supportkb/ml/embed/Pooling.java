package io.supportkb.ml.embed;

/** How a sentence vector is taken from the transformer's last hidden state. */
public enum Pooling {
    /** The hidden state of the first ([CLS]) token — BGE models. */
    CLS,
    /** The attention-masked mean over all tokens — sentence-transformers MiniLM, E5. */
    MEAN
}
