package io.supportkb.ml.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownSyntaxTest {

    private static MarkdownSyntax.Heading heading(String line) {
        return MarkdownSyntax.atxHeading(line, 0, line.length());
    }

    private static boolean listItem(String line) {
        return MarkdownSyntax.isListItem(line, 0, line.length());
    }

    @Test
    void recognisesAtxHeadingsOfLevelOneToSix() {
        assertThat(heading("# Title")).isEqualTo(new MarkdownSyntax.Heading(1, "Title"));
        assertThat(heading("###### Six")).isEqualTo(new MarkdownSyntax.Heading(6, "Six"));
        assertThat(heading("   ## Indented  ")).isEqualTo(new MarkdownSyntax.Heading(2, "Indented"));
        assertThat(heading("## Closed ##")).isEqualTo(new MarkdownSyntax.Heading(2, "Closed"));
        assertThat(heading("# C#")).isEqualTo(new MarkdownSyntax.Heading(1, "C#"));
        assertThat(heading("#")).isEqualTo(new MarkdownSyntax.Heading(1, ""));
    }

    @Test
    void rejectsWhatOnlyLooksLikeAHeading() {
        assertThat(heading("####### Seven")).isNull();
        assertThat(heading("#hashtag")).isNull();
        assertThat(heading("    # indented code")).isNull();
        assertThat(heading("#".repeat(100_000))).isNull();
    }

    @Test
    void recognisesSetextUnderlines() {
        assertThat(MarkdownSyntax.setextLevel("=====", 0, 5)).isEqualTo(1);
        assertThat(MarkdownSyntax.setextLevel("--- ", 0, 4)).isEqualTo(2);
        assertThat(MarkdownSyntax.setextLevel("-", 0, 1)).isZero();
        assertThat(MarkdownSyntax.setextLevel("--- x", 0, 5)).isZero();
    }

    @Test
    void opensAndClosesCodeFences() {
        MarkdownSyntax.Fence fence = MarkdownSyntax.openingFence("```java", 0, 7);

        assertThat(fence).isEqualTo(new MarkdownSyntax.Fence('`', 3));
        assertThat(MarkdownSyntax.openingFence("~~~~", 0, 4)).isEqualTo(new MarkdownSyntax.Fence('~', 4));
        assertThat(MarkdownSyntax.openingFence("``", 0, 2)).isNull();
        assertThat(MarkdownSyntax.openingFence("``` a`b", 0, 7)).isNull();
        assertThat(MarkdownSyntax.closesFence("````", 0, 4, fence)).isTrue();
        assertThat(MarkdownSyntax.closesFence("~~~", 0, 3, fence)).isFalse();
        assertThat(MarkdownSyntax.closesFence("``` x", 0, 5, fence)).isFalse();
    }

    @Test
    void recognisesBulletAndOrdinalListItems() {
        assertThat(listItem("- item")).isTrue();
        assertThat(listItem("* item")).isTrue();
        assertThat(listItem("+ item")).isTrue();
        assertThat(listItem("1. item")).isTrue();
        assertThat(listItem("12) item")).isTrue();
        assertThat(listItem("-")).isTrue();
        assertThat(listItem("-dash")).isFalse();
        assertThat(listItem("*emphasis*")).isFalse();
        assertThat(listItem("1.5 percent")).isFalse();
    }
}
