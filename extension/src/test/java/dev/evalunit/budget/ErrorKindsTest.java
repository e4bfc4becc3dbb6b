package dev.evalunit.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

@DisplayName("ErrorKinds groups an error reason by what went wrong, not by the text it quotes")
class ErrorKindsTest {

    @ParameterizedTest(name = "{1} <- {0}")
    @CsvSource(delimiter = '|', value = {
        "model [judge]: HTTP 500 after 3 attempts: internal error                                     | HTTP 500",
        "model A [candidate] failed: model [candidate]: HTTP 429 after 1 attempt                      | HTTP 429",
        "model [judge]: timed out after 60 s (1 attempt, retry time limit of 120 s reached)           | timeout",
        "model [judge]: connection failed after 3 attempts: unexpected end of stream                  | connection failure",
        "model [judge]: unreadable reply after 3 attempts: HTTP 200, not JSON: {\"choices\":[{\"ind  | unreadable reply",
        "model [m]: the reply is not an answer: cut at the token limit (finish_reason \"length\"). Raise [x] | not an answer: cut at the token limit",
        "model [m]: the reply is not an answer: the model refused (message.refusal): \"No.\"          | not an answer: the model refused",
        "all 4 autorater samples failed: the reply has no JSON object with a \"choice\"                | judge reply without verdict",
        "the judge's reply could not be read: it has no JSON object with a \"score\"                   | judge reply without verdict",
        "model [judge] cannot be used: HTTP 401 from [http://x] ... No further request is sent         | model unusable",
        "autorater input has 9000 tokens, over the limit of 8192 (evalunit.autorater.max-input-tokens) | input over the token limit",
        "method [Answers.of] failed: IllegalStateException: row 12 has no answer                       | IllegalStateException",
        "judge down after 3 tries                                                                      | judge down after N tries",
    })
    void kinds(String reason, String kind) {
        assertThat(ErrorKinds.of(reason)).isEqualTo(kind);
    }

    @Test
    @DisplayName("a missing or blank reason is one kind of its own")
    void noReason() {
        assertThat(ErrorKinds.of(null)).isEqualTo(ErrorKinds.NO_REASON);
        assertThat(ErrorKinds.of("  ")).isEqualTo(ErrorKinds.NO_REASON);
    }

    @Test
    @DisplayName("counts the kinds, the most frequent first, ties in order of first appearance")
    void counts() {
        Map<String, Long> counts = ErrorKinds.counts(List.of("model [a]: timed out after 1 s (3 attempts)",
                "model [a]: HTTP 500 after 3 attempts: x", "model [b]: HTTP 500 after 2 attempts: y",
                "model [b]: HTTP 503 after 3 attempts"));

        assertThat(counts).containsExactly(Map.entry("HTTP 500", 2L), Map.entry("timeout", 1L), Map.entry("HTTP 503", 1L));
    }
}
