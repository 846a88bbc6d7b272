package io.supportkb.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.supportkb.search.Highlight;
import io.supportkb.search.QueryFilters;
import io.supportkb.search.QueryMode;
import io.supportkb.search.QueryRequest;

/** The query's normal form, the cache keys built from it, and highlights. No Spring, no model. */
class QueryTextTest {

    @Test
    void normalisesCompatibilityCharactersWhitespaceAndCase() {
        assertThat(QueryText.normalise("  Ｒｅｓｅｔ\u00a0the\tﬁle\u200b  NOW ")).isEqualTo("reset the file now");
        assertThat(QueryText.normalise("a\r\n\u2003b")).isEqualTo("a b");
        assertThat(QueryText.normalise(" \u200b\ufeff\t ")).isEmpty();
    }

    static QueryRequest request(int topK, QueryFilters filters) {
        return new QueryRequest("ignored", topK, QueryMode.HYBRID, filters, 1);
    }

    @Test
    void keysDifferWhenAnythingTheHitsDependOnDiffers() {
        QueryFilters none = QueryFilters.none();
        String key = CacheKeys.result("c", 7, "m", "cfg", request(5, none), "reset password", null);
        assertThat(CacheKeys.result("c", 7, "m", "cfg", request(5, none), "reset password", null)).isEqualTo(key);
        assertThat(List.of(
                CacheKeys.result("c", 8, "m", "cfg", request(5, none), "reset password", null),
                CacheKeys.result("d", 7, "m", "cfg", request(5, none), "reset password", null),
                CacheKeys.result("c", 7, "m2", "cfg", request(5, none), "reset password", null),
                CacheKeys.result("c", 7, "m", "cfg2", request(5, none), "reset password", null),
                CacheKeys.result("c", 7, "m", "cfg", request(6, none), "reset password", null),
                CacheKeys.result("c", 7, "m", "cfg", new QueryRequest("x", 5, QueryMode.VECTOR, none, 1), "reset password", null),
                CacheKeys.result("c", 7, "m", "cfg", new QueryRequest("x", 5, QueryMode.HYBRID, none, 2), "reset password", null),
                CacheKeys.result("c", 7, "m", "cfg", request(5, new QueryFilters(List.of("faq"), null, null, null)), "reset password", null),
                CacheKeys.result("c", 7, "m", "cfg", request(5, new QueryFilters(null, null, "en", null)), "reset password", null),
                CacheKeys.result("c", 7, "m", "cfg", request(5, new QueryFilters(null, null, null, Instant.EPOCH)), "reset password", null),
                CacheKeys.result("c", 7, "m", "cfg", request(5, none), "reset passwords", null),
                CacheKeys.result("c", 7, "m", "cfg", request(5, none), "reset password", "extractive:m"),
                CacheKeys.result("c", 7, "m", "cfg", request(5, none), "reset password", "jlama:tiny")))
                .doesNotContain(key).doesNotHaveDuplicates();
    }

    @Test
    void keysCannotBeSpoofedBySeparatorsInsideValues() {
        String two = CacheKeys.result("c", 1, "m", "cfg", request(5, new QueryFilters(null, List.of("a", "b"), null, null)), "q", null);
        String one = CacheKeys.result("c", 1, "m", "cfg", request(5, new QueryFilters(null, List.of("1:a|1:b"), null, null)), "q", null);
        assertThat(one).isNotEqualTo(two);
        assertThat(CacheKeys.result("c", 1, "m", "cfg", request(5, new QueryFilters(null, List.of("b", "a", "a"), null, null)), "q", null))
                .as("filters are sets").isEqualTo(two);
    }

    @Test
    void highlightsEveryWordWhoseStemMatched() {
        try (Highlighter highlighter = new Highlighter()) {
            String text = "Refunds are refunded to the card; the refunding takes 3 days.";
            List<Highlight> found = highlighter.highlight(text, List.of("refund", "card"));
            assertThat(found).extracting(h -> text.substring(h.start(), h.end()))
                    .containsExactly("Refunds", "refunded", "card", "refunding");
            assertThat(highlighter.queryTerms("How do the refunds work? The refunds!")).containsExactly("how", "do",
                    "refund", "work");
            assertThat(highlighter.highlight(text, List.of())).isEmpty();
        }
    }
}
