/** The Lucene knowledge index: HNSW vectors and BM25 text in one index, hybrid search with explanations. */
package io.supportkb.ml.index;
