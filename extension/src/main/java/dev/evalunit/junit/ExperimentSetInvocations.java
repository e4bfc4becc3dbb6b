package dev.evalunit.junit;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.experiment.ExperimentSetRun;
import dev.evalunit.experiment.spec.ExperimentConfiguration;
import dev.evalunit.experiment.spec.ExperimentSetSpec;
import dev.evalunit.files.ExperimentSummaryFile;
import dev.evalunit.files.ObservationsFile;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

/** One invocation per experiment of a set, named for what distinguishes it and which run it is. */
final class ExperimentSetInvocations {

    /** The report entry that names an experiment's folder, as {@code evalunit.judgments} names a pairwise file. */
    static final String REPORT_ENTRY = "evalunit.experiment";

    private ExperimentSetInvocations() {
    }

    static Stream<TestTemplateInvocationContext> of(ExtensionContext context) {
        ExperimentSetSpec spec = ExperimentSetDeclarations.of(context.getRequiredTestMethod(), context);
        return spec.experiments().stream().map(experiment -> new Invocation(spec, experiment));
    }

    private record Invocation(ExperimentSetSpec set, ExperimentConfiguration experiment) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return experiment.displayName();
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new ExperimentExtension(set, experiment));
        }
    }

    /**
     * Makes sure the set has run (once), fails this invocation when its experiment stopped (a model it
     * uses cannot work), holds it to the error budget and fails it when a metric has no value on any row,
     * then injects it. Only this experiment's test fails when its own calls broke: its siblings stand.
     */
    private static final class ExperimentExtension implements BeforeTestExecutionCallback, ParameterResolver {
        private final ExperimentSetSpec set;
        private final ExperimentConfiguration experiment;

        ExperimentExtension(ExperimentSetSpec set, ExperimentConfiguration experiment) {
            this.set = set;
            this.experiment = experiment;
        }

        @Override
        public void beforeTestExecution(ExtensionContext context) {
            ExperimentSetRun run = SharedExperimentSets.runOf(set, context);
            ExperimentResult own = run.result().experiments().get(experiment.index());
            // Before any check, so that a failing experiment's test points at files one can read.
            publish(context, own);
            run.checkNotStopped(experiment.index());
            SharedExperimentSets.skipIfShard(set, context);
            Stores.runtime(context).budget().check(own);
            Stores.runtime(context).emptyMetrics().check(own);
        }

        /** Announces the experiment's folder and attaches its contract files to its own test. */
        private static void publish(ExtensionContext context, ExperimentResult own) {
            Path directory = own.reportDirectory();
            context.publishReportEntry(REPORT_ENTRY, directory.toString());
            FileAttachments.publishAll(context, List.of(directory.resolve(ObservationsFile.NAME),
                    directory.resolve(ExperimentSummaryFile.NAME)), "experiment " + own.name(), directory);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            return parameterContext.getParameter().getType() == ExperimentResult.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            ExperimentSetResult result = SharedExperimentSets.resultOf(set, extensionContext);
            return result.experiments().get(experiment.index());
        }
    }
}
