package dev.evalunit.autorater;

import dev.evalunit.api.Task;
import dev.evalunit.api.pairwise.AutoraterSample;
import dev.evalunit.api.pairwise.Choice;
import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.Position;
import dev.evalunit.api.pairwise.Vote;
import dev.evalunit.api.spi.ChatMessage;
import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.evalunit.autorater.ScriptedJudge.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

@DisplayName("Autorater")
class AutoraterTest {

    private static final Map<String, Object> IDS = Map.of("id", "q7");
    private static final AutoraterInput INPUT = new AutoraterInput(
            "What year did the bridge open?", "The bridge opened in 1932.", "It opened in 1932.", "In 1930.");
    private static final int LIMIT = 4096;
    private static final int REASKS = 1;

    private static Judgment judge(ScriptedJudge judge, int samples) {
        return new Autorater(judge, Task.QUESTION_ANSWERING, samples, LIMIT, REASKS).judge(IDS, INPUT, "A");
    }

    private static AutoraterSample sample(Position position, Vote vote, String explanation) {
        return new AutoraterSample(position, vote, explanation);
    }

    @Nested
    @DisplayName("calls the judge")
    class Calls {

        @Test
        @DisplayName("once per sample, sample i in position AB when i is even and BA when odd")
        void alternatesPositions() {
            ScriptedJudge judge = ScriptedJudge.preferringFirstShown();

            Judgment judgment = judge(judge, 4);

            assertThat(judge.requests()).extracting(ModelRequest::sampleIndex).containsExactly(0, 1, 2, 3);
            for (int i = 0; i < 4; i++) {
                Position position = i % 2 == 0 ? Position.AB : Position.BA;
                assertThat(judge.userPrompt(i))
                        .isEqualTo(AutoraterPrompts.render(Task.QUESTION_ANSWERING, INPUT, position));
            }
            assertThat(judgment.samples()).extracting(AutoraterSample::position)
                    .containsExactly(Position.AB, Position.BA, Position.AB, Position.BA);
        }

        @Test
        @DisplayName("with the system message, the user prompt and the verdict schema")
        void requestShape() {
            ScriptedJudge judge = ScriptedJudge.replying(verdict("A", "x"));

            judge(judge, 1);

            ModelRequest request = judge.requests().get(0);
            assertThat(request.messages()).containsExactly(
                    ChatMessage.system(AutoraterPrompts.SYSTEM_MESSAGE),
                    ChatMessage.user(AutoraterPrompts.render(Task.QUESTION_ANSWERING, INPUT, Position.AB)));
            assertThat(request.responseSchema()).isEqualTo(AutoraterPrompts.responseSchema());
            assertThat(request.schemaName()).isEqualTo("pairwise_verdict");
        }

        @Test
        @DisplayName("and maps the verdicts of swapped samples back to the original A and B")
        void mapsBack() {
            ScriptedJudge judge = ScriptedJudge.replying(
                    verdict("A", "shown A"), verdict("A", "shown A"), verdict("B", "shown B"), verdict("TIE", "same"));

            Judgment judgment = judge(judge, 4);

            assertThat(judgment.samples()).extracting(AutoraterSample::position, AutoraterSample::choice)
                    .containsExactly(
                            tuple(Position.AB, Vote.A), tuple(Position.BA, Vote.B),
                            tuple(Position.AB, Vote.B), tuple(Position.BA, Vote.TIE));
        }

        @Test
        @DisplayName("and a judge that always prefers the answer shown first gets a tie with confidence 0")
        void positionBiasCancelsOut() {
            Judgment judgment = judge(ScriptedJudge.preferringFirstShown(), 4);

            assertThat(judgment.samples()).extracting(AutoraterSample::choice)
                    .containsExactly(Vote.A, Vote.B, Vote.A, Vote.B);
            assertThat(judgment.choice()).isEqualTo(Choice.TIE);
            assertThat(judgment.confidence()).isEqualTo(0.0);
            assertThat(judgment.explanation()).isEqualTo("the autorater samples disagree: A 2, B 2, tie 0");
        }

        @Test
        @DisplayName("and a judge that recognises the better answer wherever it is shown gets it with confidence 1")
        void consistentJudge() {
            ScriptedJudge judge = new ScriptedJudge((request, call) -> {
                boolean bShownFirst = request.messages().get(1).content().contains("<response_a>\nIn 1930.");
                return verdict(bShownFirst ? "B" : "A", "only one answer gives 1932");
            });

            Judgment judgment = judge(judge, 4);

            assertThat(judgment.choice()).isEqualTo(Choice.MODEL_A);
            assertThat(judgment.confidence()).isEqualTo(1.0);
            assertThat(judgment.explanation()).isEqualTo("only one answer gives 1932");
        }

        @Test
        @DisplayName("and fills the judgment from the input, the ids and the human preference")
        void judgmentFields() {
            Judgment judgment = judge(ScriptedJudge.replying(verdict("A", "x")), 1);

            assertThat(judgment.ids()).isEqualTo(IDS);
            assertThat(judgment.inferenceInstruction()).isEqualTo("What year did the bridge open?");
            assertThat(judgment.inferenceContext()).isEqualTo("The bridge opened in 1932.");
            assertThat(judgment.responseA()).isEqualTo("It opened in 1932.");
            assertThat(judgment.responseB()).isEqualTo("In 1930.");
            assertThat(judgment.humanPreference()).isEqualTo("A");
        }
    }

    @Nested
    @DisplayName("turns a failed sample into an ERROR sample that is not a vote")
    class FailedSamples {

        @Test
        @DisplayName("when the call fails, with the call's reason")
        void callFails() {
            ScriptedJudge judge = ScriptedJudge.replying(
                    verdict("A", "grounded"), new ModelCallException("HTTP 503 from judge after 4 retries"),
                    verdict("A", "grounded"), verdict("TIE", "same"));

            Judgment judgment = judge(judge, 4);

            assertThat(judgment.samples().get(1))
                    .isEqualTo(sample(Position.BA, Vote.ERROR, "HTTP 503 from judge after 4 retries"));
            assertThat(judgment.choice()).isEqualTo(Choice.MODEL_A);
            assertThat(judgment.confidence()).isEqualTo(2.0 / 3);
        }

        @Test
        @DisplayName("when the reply is unreadable, asked again, with the parser's reason")
        void unreadable() {
            ScriptedJudge judge = ScriptedJudge.replying("I prefer the first one.", "Still the first one.");
            Judgment judgment = judge(judge, 1);

            assertThat(judge.requests()).hasSize(2);

            assertThat(judgment.samples())
                    .containsExactly(sample(Position.AB, Vote.ERROR, "the reply has no JSON object with a \"choice\""));
            assertThat(judgment.choice()).isEqualTo(Choice.ERROR);
            assertThat(judgment.confidence()).isNull();
            assertThat(judgment.explanation())
                    .isEqualTo("all 1 autorater samples failed: the reply has no JSON object with a \"choice\"");
        }
    }

    @Nested
    @DisplayName("with an input over the token limit")
    class TokenLimitExceeded {

        private final int tokens = TokenLimit.count(AutoraterPrompts.SYSTEM_MESSAGE)
                + TokenLimit.count(AutoraterPrompts.render(Task.QUESTION_ANSWERING, INPUT, Position.AB));

        @Test
        @DisplayName("returns an Error judgment with the reason and makes no call")
        void overLimit() {
            ScriptedJudge judge = ScriptedJudge.preferringFirstShown();

            Judgment judgment = new Autorater(judge, Task.QUESTION_ANSWERING, 4, tokens - 1, REASKS).judge(IDS, INPUT, null);

            assertThat(judge.requests()).isEmpty();
            assertThat(judgment.choice()).isEqualTo(Choice.ERROR);
            assertThat(judgment.confidence()).isNull();
            assertThat(judgment.samples()).isEmpty();
            assertThat(judgment.explanation()).isEqualTo("autorater input has " + tokens
                    + " tokens, over the limit of " + (tokens - 1) + " (evalunit.autorater.max-input-tokens)");
            assertThat(judgment.responseA()).isEqualTo("It opened in 1932.");
        }

        @Test
        @DisplayName("but judges an input exactly at the limit")
        void atLimit() {
            ScriptedJudge judge = ScriptedJudge.preferringFirstShown();

            new Autorater(judge, Task.QUESTION_ANSWERING, 2, tokens, REASKS).judge(IDS, INPUT, null);

            assertThat(judge.requests()).hasSize(2);
        }
    }

    @Nested
    @DisplayName("rejects")
    class Validation {

        @Test
        @DisplayName("fewer than one sample")
        void samples() {
            assertThatThrownBy(() -> new Autorater(ScriptedJudge.preferringFirstShown(), Task.SUMMARIZATION, 0, LIMIT, REASKS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("samples must be at least 1: 0");
        }

        @Test
        @DisplayName("a token limit below one")
        void maxInputTokens() {
            assertThatThrownBy(() -> new Autorater(ScriptedJudge.preferringFirstShown(), Task.SUMMARIZATION, 4, 0, REASKS))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("maxInputTokens must be at least 1: 0");
        }
    }

    @Nested
    @DisplayName("decides from the samples")
    class Decide {

        private Judgment decide(AutoraterSample... samples) {
            return Autorater.decide(IDS, INPUT, List.of(samples), null);
        }

        @Test
        @DisplayName("the majority, with the share of valid samples that agree as confidence")
        void majority() {
            Judgment judgment = decide(
                    sample(Position.AB, Vote.B, "B is grounded"), sample(Position.BA, Vote.B, "B again"),
                    sample(Position.AB, Vote.A, "A is shorter"), sample(Position.BA, Vote.B, "B a third time"));

            assertThat(judgment.choice()).isEqualTo(Choice.MODEL_B);
            assertThat(judgment.confidence()).isEqualTo(0.75);
            assertThat(judgment.explanation()).isEqualTo("B is grounded");
        }

        @Test
        @DisplayName("the explanation of the first sample that agrees with the choice")
        void firstAgreeingExplanation() {
            Judgment judgment = decide(
                    sample(Position.AB, Vote.B, "B wins"), sample(Position.BA, Vote.A, "A is grounded"),
                    sample(Position.AB, Vote.A, "A again"));

            assertThat(judgment.choice()).isEqualTo(Choice.MODEL_A);
            assertThat(judgment.confidence()).isEqualTo(2.0 / 3);
            assertThat(judgment.explanation()).isEqualTo("A is grounded");
        }

        @Test
        @DisplayName("a tie when most samples say TIE")
        void explicitTie() {
            Judgment judgment = decide(
                    sample(Position.AB, Vote.TIE, "equally good"), sample(Position.BA, Vote.TIE, "same"),
                    sample(Position.AB, Vote.A, "A"), sample(Position.BA, Vote.TIE, "no difference"));

            assertThat(judgment.choice()).isEqualTo(Choice.TIE);
            assertThat(judgment.confidence()).isEqualTo(0.75);
            assertThat(judgment.explanation()).isEqualTo("equally good");
        }

        @Test
        @DisplayName("a tie when the top votes are level, with the TIE votes as confidence")
        void levelWithTieVotes() {
            Judgment judgment = decide(
                    sample(Position.AB, Vote.A, "A"), sample(Position.BA, Vote.TIE, "level"),
                    sample(Position.AB, Vote.A, "A"), sample(Position.BA, Vote.TIE, "level again"));

            assertThat(judgment.choice()).isEqualTo(Choice.TIE);
            assertThat(judgment.confidence()).isEqualTo(0.5);
            assertThat(judgment.explanation()).isEqualTo("level");
        }

        @Test
        @DisplayName("a tie with confidence 0 when A and B are level and no sample says TIE")
        void splitVotes() {
            Judgment judgment = decide(
                    sample(Position.AB, Vote.A, "A"), sample(Position.BA, Vote.B, "B"),
                    sample(Position.AB, Vote.ERROR, "HTTP 500"));

            assertThat(judgment.choice()).isEqualTo(Choice.TIE);
            assertThat(judgment.confidence()).isEqualTo(0.0);
            assertThat(judgment.explanation()).isEqualTo("the autorater samples disagree: A 1, B 1, tie 0");
        }

        @Test
        @DisplayName("leaving failed samples out of the votes but keeping them in the judgment")
        void failedNotCounted() {
            AutoraterSample failed = sample(Position.BA, Vote.ERROR, "the reply is empty");

            Judgment judgment = decide(sample(Position.AB, Vote.A, "A"), failed, sample(Position.AB, Vote.A, "A"),
                    sample(Position.BA, Vote.B, "B"));

            assertThat(judgment.choice()).isEqualTo(Choice.MODEL_A);
            assertThat(judgment.confidence()).isEqualTo(2.0 / 3);
            assertThat(judgment.samples()).hasSize(4).contains(failed);
        }

        @Test
        @DisplayName("an Error with the first failure's reason when every sample failed")
        void allFailed() {
            Judgment judgment = decide(
                    sample(Position.AB, Vote.ERROR, "HTTP 429 from judge after 4 retries"),
                    sample(Position.BA, Vote.ERROR, "the reply is empty"));

            assertThat(judgment.choice()).isEqualTo(Choice.ERROR);
            assertThat(judgment.confidence()).isNull();
            assertThat(judgment.explanation())
                    .isEqualTo("all 2 autorater samples failed: HTTP 429 from judge after 4 retries");
            assertThat(judgment.samples()).hasSize(2);
        }

        @Test
        @DisplayName("nothing from no samples at all")
        void noSamples() {
            assertThatThrownBy(() -> Autorater.decide(IDS, INPUT, List.of(), null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("samples must not be empty");
        }
    }

    @Nested
    @DisplayName("re-asks a judge whose reply held no verdict")
    class Reask {

        @Test
        @DisplayName("prose then a verdict: a counted vote, from a second request that differs from the first")
        void proseThenVerdict() {
            ScriptedJudge judge = ScriptedJudge.replying("Both have merits.", verdict("A", "grounded"));

            Judgment judgment = judge(judge, 1);

            assertThat(judgment.samples()).containsExactly(sample(Position.AB, Vote.A, "grounded"));
            assertThat(judgment.choice()).isEqualTo(Choice.MODEL_A);
            assertThat(judge.requests()).hasSize(2);
            assertThat(judge.userPrompt(1)).isEqualTo(AutoraterPrompts.reask(judge.userPrompt(0), 1))
                    .contains(AutoraterPrompts.REASK_NOTE);
        }

        @Test
        @DisplayName("prose twice: an ERROR sample, with the parser's reason")
        void proseTwice() {
            ScriptedJudge judge = ScriptedJudge.replying("Both have merits.", "Really, both.");

            Judgment judgment = judge(judge, 1);

            assertThat(judgment.choice()).isEqualTo(Choice.ERROR);
            assertThat(judgment.explanation())
                    .isEqualTo("all 1 autorater samples failed: the reply has no JSON object with a \"choice\"");
        }

        @Test
        @DisplayName("not a failed call: the pipeline has retried it already")
        void notAFailedCall() {
            ScriptedJudge judge = ScriptedJudge.replying(new ModelCallException("HTTP 503 from judge after 4 retries"));

            Judgment judgment = judge(judge, 1);

            assertThat(judgment.choice()).isEqualTo(Choice.ERROR);
            assertThat(judge.requests()).hasSize(1);
        }

        @Test
        @DisplayName("never with 0 re-asks")
        void zero() {
            ScriptedJudge judge = ScriptedJudge.replying("Both have merits.");

            Judgment judgment = new Autorater(judge, Task.QUESTION_ANSWERING, 1, LIMIT, 0).judge(IDS, INPUT, "A");

            assertThat(judgment.choice()).isEqualTo(Choice.ERROR);
            assertThat(judge.requests()).hasSize(1);
        }
    }
}
