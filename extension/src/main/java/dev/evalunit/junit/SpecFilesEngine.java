package dev.evalunit.junit;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.config.SecretProperties;
import dev.evalunit.model.ConfigurationKeys;
import dev.evalunit.pairwise.MethodBinder;
import dev.evalunit.runtime.EvalRuntime;
import dev.evalunit.specfiles.AutoSxsFile;
import dev.evalunit.specfiles.ExperimentSetSpecFile;
import dev.evalunit.specfiles.Gate;
import dev.evalunit.specfiles.SpecFile;
import dev.evalunit.specfiles.SpecFileJson;
import dev.evalunit.specfiles.VertexResourceModels;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apiguardian.api.API;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.opentest4j.TestAbortedException;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/**
 * Runs spec files as tests: the seeds' own JSON found on the test class path. An AutoSxS pipeline
 * definition (by default {@code evals/**}{@code /*.autosxs.json}) is a container of one test that runs its evaluation with
 * the same planner, runner, files, run summary and error budget as {@code @PairwiseEval}, then holds it
 * to the gates of its {@code evalunit} block. An EvalAP experiment set ({@code evals/**}{@code
 * /*.experiment-set.json}) is a container of one test per experiment and one for the set, as
 * {@code @ExperimentSet} runs it. A JUnit Platform engine (id {@value #ID}), found by the
 * launcher through {@code META-INF/services/org.junit.platform.engine.TestEngine}, the way Cucumber runs
 * feature files: {@code mvn test}, IDEs and a command line's Launcher run it next to Jupiter.
 */
@API(status = INTERNAL, since = "0.1")
public final class SpecFilesEngine implements TestEngine {

    /** The engine's id, e.g. for {@code EngineTestKit.engine(ID)} or Surefire's {@code includeJUnit5Engines}. */
    public static final String ID = "evalunit-specs";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("dev.evalunit");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("evalunit-extension");
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor engine = new EngineDescriptor(uniqueId, "evalunit spec files");
        SpecFileDiscovery.addAll(engine, new SpecFileDiscovery(config(request.getConfigurationParameters()),
                ConfiguredKeys.classLoader()).discover(request, uniqueId));
        return engine;
    }

    @Override
    public void execute(ExecutionRequest request) {
        TestDescriptor engine = request.getRootTestDescriptor();
        EngineExecutionListener listener = request.getEngineExecutionListener();
        listener.executionStarted(engine);
        if (!engine.getChildren().isEmpty()) {
            SecretProperties.scrubSystemProperties();
            EvalConfig config = config(request.getConfigurationParameters());
            RuntimeException configurationError = null;
            List<Gate> gates = List.of();
            try {
                ConfigurationKeys.check(config.keys(), config);
                gates = Gate.ofArguments(config.get(ConfigKeys.SPECS_GATES).orElse(""),
                        "configuration key [" + ConfigKeys.SPECS_GATES + "]");
                requireNamed(gates, engine.getChildren());
            } catch (ConfigurationException e) {
                // A misspelt key or a bad gate fails every spec file with the same message, before any model call.
                configurationError = e;
            }
            EvalRuntime runtime = null;
            try {
                for (TestDescriptor child : engine.getChildren()) {
                    listener.executionStarted(child);
                    TestExecutionResult result;
                    try {
                        if (configurationError != null) {
                            throw configurationError;
                        }
                        if (runtime == null) {
                            runtime = EvalRuntime.start(config, ConfiguredKeys.classLoader(), Path.of("").toAbsolutePath());
                        }
                        if (child instanceof ExperimentSetFileDescriptor set) {
                            ExperimentSetFiles.execute(set, runtime, listener, gates);
                            result = TestExecutionResult.successful();
                        } else {
                            SpecFileDescriptor file = (SpecFileDescriptor) child;
                            listener.executionStarted(file.evaluation());
                            try {
                                run(file, runtime, listener, gates);
                                listener.executionFinished(file.evaluation(), TestExecutionResult.successful());
                            } catch (TestAbortedException e) {
                                // A shard of a sharded run: the merge applies the gates.
                                listener.executionFinished(file.evaluation(), TestExecutionResult.aborted(e));
                            } catch (Throwable e) {
                                listener.executionFinished(file.evaluation(), TestExecutionResult.failed(e));
                            }
                            result = TestExecutionResult.successful();
                        }
                    } catch (Throwable e) {
                        // The file's evaluations could not start (a misspelt key): each of its tests fails with the reason.
                        ExperimentSetFiles.failAll(child, e, listener);
                        result = TestExecutionResult.successful();
                    }
                    listener.executionFinished(child, result);
                }
            } finally {
                if (runtime != null) {
                    runtime.close();
                }
            }
        }
        listener.executionFinished(engine, TestExecutionResult.successful());
    }

    /** @param gates checked after the file's own, e.g. {@code evalunit run --gate} */
    private static void run(SpecFileDescriptor file, EvalRuntime runtime, EngineExecutionListener listener, List<Gate> gates) {
        SpecFile spec = AutoSxsFile.read(file.resource(), SpecFileJson.read(file.resource(), file.location()), runtime.config());
        PairwiseResult result = PairwiseEvaluations.run(runtime, spec.spec(), MethodBinder.NONE,
                file.getUniqueId().toString(), new PairwiseEvaluations.Publisher() {
                    @Override
                    public void entries(Map<String, String> entries) {
                        listener.reportingEntryPublished(file, ReportEntry.from(entries));
                    }

                    @Override
                    public void files(PairwiseResult result, List<Path> files) {
                        // The files stay in the report directory: a platform engine cannot attach them before Platform 1.12.
                    }
                });
        runtime.budget().check(result);
        spec.gates().forEach(gate -> gate.check(result));
        gates.stream().filter(gate -> gate.appliesTo(AutoSxsFile.FIGURES)).forEach(gate -> gate.check(result));
    }

    /**
     * The rule for the run's own gates ({@value ConfigKeys#SPECS_GATES}, {@code evalunit run --gate}): a gate is
     * checked on every file that has its name (a figure of an AutoSxS file's metrics.json, a metric of an experiment
     * set), and refused before any call when none of the files run has it.
     */
    private static void requireNamed(List<Gate> gates, Set<? extends TestDescriptor> files) {
        if (gates.isEmpty()) {
            return;
        }
        Set<String> names = new TreeSet<>();
        Set<String> what = new LinkedHashSet<>();
        for (TestDescriptor file : files) {
            if (file instanceof ExperimentSetFileDescriptor set) {
                if (set.spec() != null) {
                    names.addAll(ExperimentSetSpecFile.metrics(set.spec()));
                    what.add(ExperimentSetSpecFile.what(set.spec()));
                }
            } else {
                names.addAll(AutoSxsFile.FIGURES);
                what.add(AutoSxsFile.FIGURE);
            }
        }
        String owner = "configuration key [" + ConfigKeys.SPECS_GATES + "]";
        gates.forEach(gate -> gate.requireNamed(names, what.isEmpty() ? "a name of the files run"
                : String.join(" or ", what), owner));
    }

    private static EvalConfig config(ConfigurationParameters parameters) {
        // A Vertex AI resource name as an AutoSxS model_a is called through the one vertex model declared.
        return VertexResourceModels.resolving(new EvalConfig(parameters::get,
                () -> ConfiguredKeys.of(parameters.keySet(), ConfiguredKeys.classLoader())));
    }
}
