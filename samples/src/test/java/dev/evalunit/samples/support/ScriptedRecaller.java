package dev.evalunit.samples.support;

import dev.evalunit.samples.support.CapitalFacts.Capital;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The stand-in's quiz models {@code m1} and {@code m2}, compared by the experiment-set sample, and
 * {@code m3}, which the tournament sample adds. Each answers a question about a capital from
 * {@link CapitalFacts}: {@code m1} knows every capital there, {@code m2} only those that are not
 * obscure, {@code m3} none, and otherwise names the city the capital is mistaken for. The temperature {@code t} of the request (1 when it has none, as at OpenAI) adds noise, as
 * sampling does:
 * <ul>
 *   <li>a <b>slip</b>, with chance {@value #SLIP_FACTOR} &times; t&sup2; (about 0.01 at 0.2, 0.19 at
 *       0.8): a model that knows the capital names the mistaken city or hedges between the two (even
 *       odds); one that does not know hedges instead of naming the mistaken city outright;</li>
 *   <li>a <b>rephrasing</b>, with chance {@value #REPHRASE_FACTOR} &times; t: the bare name, or a
 *       longer sentence, instead of "The capital of X is Y."</li>
 * </ul>
 * The dice are not random: each draw is a hash of the model, the temperature, the prompt, the
 * occurrence (how many times the server saw this same request before) and what the draw decides.
 * So the repeats of an experiment get different answers, and the answers a run gives to each
 * (model, temperature, prompt) are the same on every run; which repeat gets which follows the order
 * in which the requests arrive (the order they are sent, in practice).
 *
 * <p>A question about a country that is not in the table gets {@value #UNKNOWN_COUNTRY}
 */
final class ScriptedRecaller {

    static final double SLIP_FACTOR = 0.3;
    static final double REPHRASE_FACTOR = 0.5;
    /** OpenAI's default when a request sets no temperature. */
    static final double DEFAULT_TEMPERATURE = 1.0;
    static final String UNKNOWN_COUNTRY = "I do not know which country you mean.";

    private static final Map<String, Predicate<Capital>> KNOWLEDGE = Map.of(
            "m1", capital -> true,
            "m2", capital -> !capital.obscure(),
            "m3", capital -> false);

    /** What the answer claims. */
    enum Claim { RIGHT, MISTAKEN, HEDGED }

    /** How it says it. */
    enum Phrasing { TERSE, PLAIN, WORDY }

    private ScriptedRecaller() {
    }

    /** The models it plays. */
    static Set<String> models() {
        return KNOWLEDGE.keySet();
    }

    /**
     * The answer of {@code model} the {@code occurrence}-th time (from 0) it is sent this prompt at this temperature.
     *
     * @throws IllegalArgumentException for a model it does not play
     */
    static String answer(String model, double temperature, String prompt, int occurrence) {
        Predicate<Capital> knows = KNOWLEDGE.get(model);
        if (knows == null) {
            throw new IllegalArgumentException("the stand-in plays models " + models() + " only, not " + model);
        }
        Optional<Capital> asked = CapitalFacts.askedAbout(prompt);
        if (asked.isEmpty()) {
            return UNKNOWN_COUNTRY;
        }
        Capital capital = asked.get();
        Dice dice = new Dice(model + "\n" + temperature + "\n" + prompt + "\n" + occurrence);
        boolean slips = dice.roll("slip") < slipChance(temperature);
        Claim claim;
        if (knows.test(capital)) {
            claim = !slips ? Claim.RIGHT : dice.roll("hedge") < 0.5 ? Claim.HEDGED : Claim.MISTAKEN;
        } else {
            claim = slips ? Claim.HEDGED : Claim.MISTAKEN;
        }
        double rephrase = Math.min(0.9, REPHRASE_FACTOR * temperature);
        double phrasingRoll = dice.roll("phrasing");
        Phrasing phrasing = phrasingRoll < rephrase / 2 ? Phrasing.TERSE
                : phrasingRoll < rephrase ? Phrasing.WORDY : Phrasing.PLAIN;
        return say(claim, phrasing, capital);
    }

    static double slipChance(double temperature) {
        return Math.min(0.9, SLIP_FACTOR * temperature * temperature);
    }

    static String say(Claim claim, Phrasing phrasing, Capital c) {
        return switch (claim) {
            case RIGHT -> switch (phrasing) {
                case TERSE -> c.capital() + ".";
                case PLAIN -> "The capital of " + c.country() + " is " + c.capital() + ".";
                case WORDY -> c.capital() + " is the capital of " + c.country() + ", although " + c.mistakenFor()
                        + " is its largest city.";
            };
            case MISTAKEN -> switch (phrasing) {
                case TERSE -> c.mistakenFor() + ".";
                case PLAIN -> "The capital of " + c.country() + " is " + c.mistakenFor() + ".";
                case WORDY -> c.mistakenFor() + " is the capital of " + c.country() + " and its largest city.";
            };
            case HEDGED -> "It is either " + c.mistakenFor() + " or " + c.capital() + ".";
        };
    }

    /** Uniform numbers in [0, 1) from a hash of a key and a purpose: the same on every JVM. */
    private record Dice(String key) {
        double roll(String purpose) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256")
                        .digest((key + "\n" + purpose).getBytes(StandardCharsets.UTF_8));
                return (ByteBuffer.wrap(hash).getLong() >>> 11) * 0x1.0p-53;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }
    }
}
