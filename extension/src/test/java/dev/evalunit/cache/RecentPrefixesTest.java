package dev.evalunit.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("RecentPrefixes")
class RecentPrefixesTest {

    private static final String INSTRUCTIONS = "Compare the two responses below and choose the better one. ";

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static RecentPrefixes.Prefix prefix(String text) {
        return new RecentPrefixes.Prefix(List.of(), "", text, bytes(text), null, null);
    }

    private static String example(int example, String first, String second) {
        return INSTRUCTIONS + "Example " + example + ". A: " + first + " B: " + second;
    }

    @Nested
    @DisplayName("the head of a thread's prompts")
    class Heads {

        private final RecentPrefixes prefixes = new RecentPrefixes();

        private RecentPrefixes.Head next(String text) {
            RecentPrefixes.Head head = prefixes.head(bytes(text), 20);
            prefixes.add(prefix(text));
            return head;
        }

        private static String text(RecentPrefixes.Head head) {
            return new String(head.bytes, 0, head.length, StandardCharsets.UTF_8);
        }

        @Test
        @DisplayName("is none before a thread has a prefix")
        void noneFirst() {
            assertThat(prefixes.head(bytes(example(1, "yes", "no")), 20)).isNull();
        }

        @Test
        @DisplayName("settles, after one example's two orders, on what the examples share, and stays")
        void settles() {
            assertThat(next(example(1, "yes", "no"))).isNull();
            RecentPrefixes.Head ofOneExample = next(example(1, "no", "yes"));
            assertThat(text(ofOneExample)).isEqualTo(INSTRUCTIONS + "Example 1. A: ");

            RecentPrefixes.Head shared = next(example(2, "yes", "no"));
            assertThat(text(shared)).isEqualTo(INSTRUCTIONS + "Example ");
            for (int example = 2; example < 30; example++) {
                assertThat(next(example(example, "no", "yes"))).as("example %s", example).isSameAs(shared);
                assertThat(next(example(example + 1, "yes", "no"))).as("example %s", example + 1).isSameAs(shared);
            }
        }

        @Test
        @DisplayName("is kept past a prompt that shares too little with it, and replaced by one shared with the newest")
        void replaced() {
            next(example(1, "yes", "no"));
            RecentPrefixes.Head shared = next(example(2, "yes", "no"));

            assertThat(next("Something else entirely, long enough")).isNull();
            assertThat(next(example(3, "yes", "no"))).isSameAs(shared);
            assertThat(next(INSTRUCTIONS.substring(0, 15))).as("a prompt that shares 15 bytes").isNull();
            assertThat(next(example(4, "yes", "no"))).isSameAs(shared);

            RecentPrefixes.Head shorter = next(INSTRUCTIONS.substring(0, 25) + ", then another way");
            assertThat(shorter).isNotNull().isNotSameAs(shared).extracting(Heads::text).isEqualTo(INSTRUCTIONS.substring(0, 25));
            assertThat(next(example(5, "yes", "no"))).isSameAs(shorter);
        }
    }
}
