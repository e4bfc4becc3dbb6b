package dev.evalunit.specfiles;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.assertj.ExperimentResultAssert;
import dev.evalunit.assertj.PairwiseResultAssert;
import dev.evalunit.assertj.StatisticAssert;
import dev.evalunit.config.ConfigurationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * One gate of a spec file's {@code "evalunit": {"gates": {...}}} block: a figure, a comparison and a
 * threshold, e.g. {@code "autosxs_model_a_win_rate": ">= 0.5"}. Checked by the AssertJ assertions,
 * so that a failing gate reads as the same assertion written in Java would.
 *
 * @param metric the figure's name in {@code metrics.json}
 * @param comparison {@code >=}, {@code >}, {@code <=} or {@code <}
 * @param threshold the value compared with
 */
@API(status = INTERNAL, since = "0.1")
public record Gate(String metric, String comparison, double threshold) {

    private static final Pattern CONDITION = Pattern.compile("\\s*(>=|<=|>|<)\\s*(-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)\\s*");
    /** A gate in one piece, as a command line or a configuration key gives it: {@code autosxs_model_a_win_rate>=0.5}. */
    private static final Pattern ARGUMENT = Pattern.compile("\\s*([A-Za-z0-9_.-]+)\\s*((?:>=|<=|>|<).*)");

    /**
     * A gate written in one piece, {@code name>=value}, on any figure (a merged experiment's metric mean as well
     * as a figure of {@code metrics.json}): the caller says which names exist.
     *
     * @param owner e.g. {@code option [--gate]}, for messages
     * @throws ConfigurationException when {@code text} is not a name, a comparison and a number
     */
    public static Gate ofText(String text, String owner) {
        Matcher matcher = ARGUMENT.matcher(text);
        if (!matcher.matches()) {
            throw new ConfigurationException(owner + " gives the gate [" + text + "]. Write a figure or metric name, a comparison"
                    + " and a number, e.g. autosxs_model_a_win_rate>=0.5 (one of >=, >, <=, <).");
        }
        return parse(matcher.group(1), matcher.group(2), owner);
    }

    /** Gates written as {@link #ofText}, separated by commas; none for a blank text. */
    public static List<Gate> ofArguments(String text, String owner) {
        List<Gate> gates = new ArrayList<>();
        for (String gate : text.split(",")) {
            if (!gate.isBlank()) {
                gates.add(ofText(gate, owner));
            }
        }
        return List.copyOf(gates);
    }

    /**
     * @param owner e.g. {@code spec file [evals/qa.autosxs.json]}, for messages
     * @throws ConfigurationException when {@code condition} is not a comparison with a number
     */
    static Gate parse(String metric, Object condition, String owner) {
        Matcher matcher = condition instanceof String text ? CONDITION.matcher(text) : null;
        if (matcher == null || !matcher.matches()) {
            throw new ConfigurationException(owner + " gives gate [" + metric + "] the condition [" + condition
                    + "]. Write a comparison with a number, e.g. \">= 0.5\" (one of >=, >, <=, <).");
        }
        return new Gate(metric, matcher.group(1), new BigDecimal(matcher.group(2)).doubleValue());
    }

    /**
     * Checks the gate with the assertion a test would write ({@code isGreaterThanOrEqualTo} and the others),
     * so that a failing gate fails with the same message.
     *
     * @throws AssertionError when the gate does not hold
     */
    public void check(PairwiseResult result) {
        compare(new PairwiseResultAssert(result).figure(metric));
    }

    /**
     * Checks the gate on one experiment's mean of the metric, as {@code assertThat(experiment).metric(m).mean()
     * .isGreaterThanOrEqualTo(v)} would, with the same message.
     *
     * @throws AssertionError when the gate does not hold
     */
    public void check(ExperimentResult experiment) {
        compare(new ExperimentResultAssert(experiment).metric(metric).mean());
    }

    /**
     * Whether this gate names one of {@code names}; see {@link #requireNamed} for a gate that must.
     */
    public boolean appliesTo(Set<String> names) {
        return names.contains(metric);
    }

    /**
     * @param names the figures and metrics of what the gate is checked on
     * @param what what those names are, for the message, e.g. {@code a figure of metrics.json}
     * @param owner who gives the gate, e.g. {@code option [--gate]}
     * @throws ConfigurationException when the gate names none of {@code names}, suggesting the closest
     */
    public void requireNamed(Set<String> names, String what, String owner) {
        Gates.requireName(metric, names, what, owner);
    }

    private void compare(StatisticAssert figure) {
        switch (comparison) {
            case ">=" -> figure.isGreaterThanOrEqualTo(threshold);
            case ">" -> figure.isGreaterThan(threshold);
            case "<=" -> figure.isLessThanOrEqualTo(threshold);
            case "<" -> figure.isLessThan(threshold);
            default -> throw new IllegalStateException("unknown comparison " + comparison);
        }
    }

    /** Whether {@code actual} passes this gate. */
    public boolean holds(double actual) {
        return switch (comparison) {
            case ">=" -> actual >= threshold;
            case ">" -> actual > threshold;
            case "<=" -> actual <= threshold;
            case "<" -> actual < threshold;
            default -> throw new IllegalStateException("unknown comparison " + comparison);
        };
    }

    @Override
    public String toString() {
        return metric + " " + comparison + " " + threshold;
    }
}
