package dev.evalunit.junit;

import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.execution.ReportDirectories;
import dev.evalunit.runsummary.RunEntry;
import dev.evalunit.runtime.EvalRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

/** One invocation per pairing of a {@code @PairwiseTournament}, named {@code m2 vs m1}. */
final class TournamentInvocations {

    private TournamentInvocations() {
    }

    static Stream<TestTemplateInvocationContext> of(ExtensionContext context) {
        SharedTournaments.Tournament tournament = SharedTournaments.of(context.getRequiredTestMethod(), context);
        return IntStream.range(0, tournament.plan().pairings().size())
                .mapToObj(index -> new Invocation(tournament, index));
    }

    private record Invocation(SharedTournaments.Tournament tournament, int index) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return tournament.plan().pairings().get(index).displayName();
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new PairingExtension(tournament, index));
        }
    }

    /** Runs the pairing (once), attaches its files, holds it to the error budget and injects its result. */
    private static final class PairingExtension implements BeforeTestExecutionCallback, ParameterResolver {
        private final SharedTournaments.Tournament tournament;
        private final int index;

        PairingExtension(SharedTournaments.Tournament tournament, int index) {
            this.tournament = tournament;
            this.index = index;
        }

        @Override
        public void beforeTestExecution(ExtensionContext context) {
            EvalRuntime runtime = Stores.runtime(context);
            ShardGates.skipTournamentUnlessFirst(tournament.plan().name(), runtime.shard());
            PairwiseResult result = tournament.pairing(index, context);
            context.publishReportEntry("evalunit.judgments", result.judgmentsFile().toString());
            FileAttachments.publishAll(context, tournament.files(index), result.name(), result.reportDirectory());
            Path root = ReportDirectories.root(runtime.config());
            // Its figures end with the tokens of its own calls, as the pairing's metrics.json gives them.
            RunSummaryListener.record(root, context.getUniqueId(), RunEntry.of(result, root, result.usage().figure()));
            runtime.budget().check(result);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            return parameterContext.getParameter().getType() == PairwiseResult.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            return tournament.pairing(index, extensionContext);
        }
    }
}
