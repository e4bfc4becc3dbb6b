package dev.evalunit.stats.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.AutoraterSample;
import dev.evalunit.api.pairwise.Choice;
import dev.evalunit.api.pairwise.Judgment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One verdict between two models, as Arena-Hard counts them: each valid autorater sample is a battle.
 *
 * @param modelA the model judged as A
 * @param modelB the model judged as B
 * @param scoreA A's share of the battle: 1 when A won, 0 when B won, 0.5 for a tie
 */
@API(status = INTERNAL, since = "0.1")
public record Battle(String modelA, String modelB, double scoreA) {

    public Battle {
        Objects.requireNonNull(modelA, "modelA");
        Objects.requireNonNull(modelB, "modelB");
        if (modelA.equals(modelB)) {
            throw new IllegalArgumentException("a battle needs two models, got [" + modelA + "] twice");
        }
        if (scoreA != 0 && scoreA != 0.5 && scoreA != 1) {
            throw new IllegalArgumentException("A's score must be 0, 0.5 or 1, got " + scoreA);
        }
    }

    /**
     * The battles of one judgment between {@code modelA} and {@code modelB}: one per autorater sample
     * that is not an error (A, B or a tie). A judgment without samples (a file another tool wrote)
     * counts its choice once; an {@code Error} judgment counts nothing.
     */
    public static List<Battle> of(Judgment judgment, String modelA, String modelB) {
        List<Battle> battles = new ArrayList<>();
        if (judgment.samples().isEmpty()) {
            addChoice(battles, judgment.choice(), modelA, modelB);
        }
        for (AutoraterSample sample : judgment.samples()) {
            addChoice(battles, sample.choice().asChoice(), modelA, modelB);
        }
        return battles;
    }

    private static void addChoice(List<Battle> battles, Choice choice, String modelA, String modelB) {
        switch (choice) {
            case MODEL_A -> battles.add(new Battle(modelA, modelB, 1));
            case MODEL_B -> battles.add(new Battle(modelA, modelB, 0));
            case TIE -> battles.add(new Battle(modelA, modelB, 0.5));
            case ERROR -> {
                // not a verdict: no battle
            }
        }
    }
}
