package dev.evalunit.experiment.spec;

import dev.evalunit.api.ExperimentSet;
import java.lang.annotation.Annotation;

/**
 * An {@link ExperimentSet} as the JVM builds it from a declaration, starting from the annotation's own defaults.
 * Tests use it instead of annotated fixture methods, which the engine would try to run as test templates.
 */
final class ExperimentSetAttributes implements ExperimentSet {

    private String name = defaultOf("name");
    private String dataset = defaultOf("dataset");
    private String[] metrics = defaultOf("metrics");
    private String judgeModel = defaultOf("judgeModel");
    private String[] models = defaultOf("models");
    private double[] temperatures = defaultOf("temperatures");
    private int repeat = defaultOf("repeat");

    static ExperimentSetAttributes attributes() {
        return new ExperimentSetAttributes();
    }

    @SuppressWarnings("unchecked")
    private static <T> T defaultOf(String attribute) {
        try {
            return (T) ExperimentSet.class.getMethod(attribute).getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    ExperimentSetAttributes name(String value) {
        name = value;
        return this;
    }

    ExperimentSetAttributes dataset(String value) {
        dataset = value;
        return this;
    }

    ExperimentSetAttributes metrics(String... values) {
        metrics = values;
        return this;
    }

    ExperimentSetAttributes judgeModel(String value) {
        judgeModel = value;
        return this;
    }

    ExperimentSetAttributes models(String... values) {
        models = values;
        return this;
    }

    ExperimentSetAttributes temperatures(double... values) {
        temperatures = values;
        return this;
    }

    ExperimentSetAttributes repeat(int value) {
        repeat = value;
        return this;
    }

    @Override
    public String value() {
        return "";
    }

    @Override
    public String builder() {
        return "";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String dataset() {
        return dataset;
    }

    @Override
    public String[] metrics() {
        return metrics.clone();
    }

    @Override
    public String judgeModel() {
        return judgeModel;
    }

    @Override
    public String[] models() {
        return models.clone();
    }

    @Override
    public String[] methods() {
        return new String[0];
    }

    @Override
    public double[] temperatures() {
        return temperatures.clone();
    }

    @Override
    public int repeat() {
        return repeat;
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return ExperimentSet.class;
    }
}
