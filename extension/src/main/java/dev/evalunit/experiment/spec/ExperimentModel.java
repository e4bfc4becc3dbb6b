package dev.evalunit.experiment.spec;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/** What answers an experiment's rows: a model, a method of the test class, or answers given in the set itself. */
@API(status = INTERNAL, since = "0.1")
public sealed interface ExperimentModel permits ModelConfiguration, InProcessMethod, PreGeneratedOutputs {
}
