package dev.evalunit.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.config.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Shard")
class ShardTest {

    @Nested
    @DisplayName("splits examples by a stable hash of their ids")
    class Hash {

        @Test
        @DisplayName("FNV-1a 64 of the ids' canonical text: the same value on every machine and JVM")
        void pinned() {
            // Reference FNV-1a 64 of the UTF-8 bytes "id=q1".
            assertThat(Shard.hash(Map.of("id", "q1"))).isEqualTo(0x621ab63cd4837389L);
        }

        @Test
        @DisplayName("every example is in exactly one of N shards")
        void partition() {
            for (int n = 1; n <= 5; n++) {
                int count = n;
                IntStream.rangeClosed(1, 200).forEach(i -> {
                    Map<String, Object> ids = Map.of("id", "example-" + i);
                    assertThat(IntStream.rangeClosed(1, count).filter(k -> new Shard(k, count).contains(ids)).count())
                            .isEqualTo(1);
                });
            }
        }

        @Test
        @DisplayName("an id is its text: the number 7 and the string \"7\" fall in the same shard, several ids in their order")
        void canonicalText() {
            assertThat(Shard.hash(Map.of("id", 7))).isEqualTo(Shard.hash(Map.of("id", "7")));
            Map<String, Object> ab = new LinkedHashMap<>();
            ab.put("a", 1);
            ab.put("b", 2);
            Map<String, Object> ba = new LinkedHashMap<>();
            ba.put("b", 2);
            ba.put("a", 1);
            assertThat(Shard.hash(ab)).isNotEqualTo(Shard.hash(ba));
        }

        @Test
        @DisplayName("the parts are of similar size")
        void balanced() {
            List<Long> sizes = IntStream.rangeClosed(1, 4).mapToObj(k -> IntStream.rangeClosed(1, 4000)
                    .filter(i -> new Shard(k, 4).contains(Map.of("id", i))).count()).toList();
            assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(900L, 1100L));
        }
    }

    @Nested
    @DisplayName("is read from K/N")
    class Parsing {

        @Test
        @DisplayName("with spaces allowed around the slash")
        void parses() {
            assertThat(Shard.parse("2/4")).isEqualTo(new Shard(2, 4));
            assertThat(Shard.parse(" 3 / 3 ")).isEqualTo(new Shard(3, 3));
            assertThat(Shard.parse("1/1").isPartial()).isFalse();
        }

        @Test
        @DisplayName("refusing K outside 1..N and other text")
        void refuses() {
            for (String bad : List.of("0/2", "3/2", "2", "a/b", "-1/2", "1/0")) {
                assertThatThrownBy(() -> Shard.parse(bad)).isInstanceOf(ConfigurationException.class)
                        .hasMessage("Configuration error: [evalunit.shard] must be K/N with 1 <= K <= N, e.g. 2/4, but was '"
                                + bad + "'. Give the shard's number and the number of shards.");
            }
        }
    }
}
