/**
 * Search: the query pipeline over this node's {@link io.supportkb.indexing.LiveIndex} — normalise, cache lookup,
 * embed (query-embedding cache), hybrid retrieval, assembly with highlights and score breakdowns, the "no good
 * match" signal — and {@code explain}, which says why a document did or did not come back.
 * <p>
 * Every answered query is published as {@link io.supportkb.search.QueryAnswered} (the tracing module stores it).
 * Results are cached under a key that includes the collection's index generation, so an indexing or a deletion
 * makes every older entry unreachable.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Search")
package io.supportkb.search;
