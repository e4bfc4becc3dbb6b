package dev.evalunit.samples;

import static dev.evalunit.assertj.EvalAssertions.assertThat;

import dev.evalunit.api.Autorater;
import dev.evalunit.api.PairwiseTournament;
import dev.evalunit.api.Prompt;
import dev.evalunit.api.PromptParam;
import dev.evalunit.api.Task;
import dev.evalunit.api.TournamentResults;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.pairwise.TournamentResult;
import dev.evalunit.samples.support.StandInModelServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Which of our three quiz models answers capital-city questions best? A round-robin tournament: every pair
 * of models is judged side by side (each pairing its own test), and a Bradley-Terry fit over the judge's
 * verdicts ranks them, each scored by its predicted win rate against {@code m1}, the model in use today.
 *
 * <p>Offline, the models and the judge are the scripted stand-in (see {@link StandInModelServer}): its
 * {@code m1} knows every capital of the quiz, {@code m2} fewer, {@code m3} none. The figures then show
 * what the reports look like, not how real models compare.
 */
@ExtendWith(StandInModelServer.class)
class CapitalsTournamentTest {

    @PairwiseTournament(name = "capitals_tournament", dataset = "datasets/capitals.jsonl", idColumns = "id",
            task = Task.QUESTION_ANSWERING,
            autorater = @Autorater(model = "judge", instruction = @Prompt(column = "query"),
                    context = @Prompt(template = "The right answer is {{ output_true }}.")),
            models = {"m1", "m2", "m3"},
            params = @PromptParam(name = "prompt", template = "Answer in one sentence. {{ query }}"),
            roundRobin = true, baseline = "m1", bootstrapRounds = 200, seed = 42)
    void eachPairing(PairwiseResult pairing) {
        // Every question answered and judged: a failed call would otherwise quietly shrink the sample.
        assertThat(pairing).hasNoErrors();
    }

    @Test
    void ranking(@TournamentResults("capitals_tournament") TournamentResult tournament) {
        // Moving off m1 would cost right answers: it ranks above both others.
        assertThat(tournament).model("m1").rank().isEqualTo(1);
        assertThat(tournament).model("m2").ranksAbove("m3");
        // And dependably so: even the high end of m3's 95% interval says it loses to m1 more often than not.
        assertThat(tournament).model("m3").scoreCiHigh().isLessThan(0.5);
    }
}
