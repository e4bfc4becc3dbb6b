package dev.evalunit.experiment.spec;

/** What answers an experiment's rows: a model, or answers given in the set itself. */
public sealed interface ExperimentModel permits ModelConfiguration, PreGeneratedOutputs {
}
