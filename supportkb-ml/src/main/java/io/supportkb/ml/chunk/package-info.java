/** Structure-aware chunking measured in the embedding model's tokens, with offsets into the source. */
package io.supportkb.ml.chunk;
