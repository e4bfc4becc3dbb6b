package dev.evalunit.junit;

import dev.evalunit.api.Model;
import dev.evalunit.api.PairwiseTournament;
import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.pairwise.TournamentResult;
import dev.evalunit.cache.CacheCounts;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.cost.TokenUsage;
import dev.evalunit.cost.UsageFields;
import dev.evalunit.execution.ConsoleProgress;
import dev.evalunit.execution.Progress;
import dev.evalunit.files.TournamentFile;
import dev.evalunit.pairwise.PairwisePlanner;
import dev.evalunit.pairwise.PairwiseReports;
import dev.evalunit.pairwise.PairwiseRunner;
import dev.evalunit.pairwise.TournamentPlan;
import dev.evalunit.pairwise.TournamentPlanner;
import dev.evalunit.pairwise.TournamentRanking;
import dev.evalunit.runtime.EvalRuntime;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Each tournament of a test run, planned once (every mistake found before any call) and shared through the
 * root {@link ExtensionContext.Store}: each pairing runs at most once, whether its own test or an
 * {@code @TournamentResults} parameter needs it first; the result and {@code tournament.json} follow the last.
 */
final class SharedTournaments {

    private static final Namespace NAMESPACE = Namespace.create("dev.evalunit", "tournaments");

    private SharedTournaments() {
    }

    /** The tournament {@code method} declares, planned (once). */
    static Tournament of(Method method, ExtensionContext context) {
        String key = method.getDeclaringClass().getName() + "#" + method.getName();
        Planned planned = StoreValues.computeIfAbsent(context.getRoot().getStore(NAMESPACE), key,
                k -> Planned.of(() -> plan(method, context)), Planned.class);
        if (planned.failure() != null) {
            throw SetFailures.report(key, "the tournament of " + method.getDeclaringClass().getSimpleName() + "."
                    + method.getName(), planned.failure(), context);
        }
        return planned.tournament();
    }

    /** The tournament called {@code name} among the {@link PairwiseTournament} methods of the test class. */
    static Tournament named(String name, ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        List<String> names = new ArrayList<>();
        for (Method method : ReflectionSupport.findMethods(testClass,
                m -> AnnotationSupport.isAnnotated(m, PairwiseTournament.class), HierarchyTraversalMode.TOP_DOWN)) {
            Tournament tournament = of(method, context);
            if (tournament.plan().name().equals(name)) {
                return tournament;
            }
            names.add(tournament.plan().name());
        }
        throw new ConfigurationException("@TournamentResults(\"" + name + "\") names no tournament of "
                + testClass.getSimpleName() + ". Tournaments declared there: "
                + (names.isEmpty() ? "none" : String.join(", ", names)) + ".");
    }

    private static Tournament plan(Method method, ExtensionContext context) {
        List<Model> inline = new ArrayList<>(AnnotationSupport.findRepeatableAnnotations(method, Model.class));
        inline.addAll(AnnotationSupport.findRepeatableAnnotations(method.getDeclaringClass(), Model.class));
        EvalRuntime runtime = Stores.runtime(context);
        CacheCounts counts = runtime.newCacheCounts();
        PairwisePlanner pairwise = new PairwisePlanner(runtime.config(), runtime.datasets(), runtime.clients(counts),
                runtime.secrets(), new TestMethodBinder(context));
        return new Tournament(new TournamentPlanner(runtime.config(), pairwise, runtime.clients(counts), runtime.secrets())
                .plan(TournamentDeclarations.of(method, inline)), counts);
    }

    /**
     * A planned tournament and the pairings run so far. Its pairings share the clients (and so the token counts)
     * made when it was planned, and run one at a time: a pairing's tokens are what the counts gained while it ran,
     * so an answer shared by several pairings counts in the pairing that made the call.
     */
    static final class Tournament {
        private final TournamentPlan plan;
        private final CacheCounts counts;
        private final Map<Integer, PairwiseResult> results = new ConcurrentHashMap<>();
        private final Map<Integer, List<Path>> files = new ConcurrentHashMap<>();
        private TournamentResult result;

        Tournament(TournamentPlan plan, CacheCounts counts) {
            this.plan = plan;
            this.counts = counts;
        }

        TournamentPlan plan() {
            return plan;
        }

        /** Runs pairing {@code index} if it has not run, writes its files; the pairing's result. */
        synchronized PairwiseResult pairing(int index, ExtensionContext context) {
            PairwiseResult done = results.get(index);
            if (done != null) {
                return done;
            }
            EvalRuntime runtime = Stores.runtime(context);
            TournamentPlan.Pairing pairing = plan.pairings().get(index);
            Progress progress = new Progress(pairing.plan().name(), pairing.plan().dataset().size(), runtime.newCacheCounts());
            PairwiseResult result;
            SortedMap<String, TokenUsage> before = counts.tokens().snapshot();
            try (ConsoleProgress console = ConsoleProgress.start(progress)) {
                result = new PairwiseRunner(runtime.workers(), runtime.callPhases()).run(pairing.plan(), progress);
            }
            result = result.withUsage(new UsageFields(counts.tokens().since(before), runtime.prices()).usage());
            files.put(index, PairwiseReports.write(result, UsageFields.asMap(result.usage()), null));
            results.put(index, result);
            return result;
        }

        /** The files pairing {@code index} wrote, the judgments file first (after {@link #pairing}). */
        List<Path> files(int index) {
            return files.get(index);
        }

        /** Every pairing run, ranked; {@code tournament.json} written once. */
        synchronized TournamentResult result(ExtensionContext context) {
            if (result == null) {
                List<PairwiseResult> pairings = new ArrayList<>();
                for (int i = 0; i < plan.pairings().size(); i++) {
                    pairings.add(pairing(i, context));
                }
                result = TournamentRanking.of(plan, pairings);
                Path file = TournamentFile.write(result, UsageFields.asMap(
                        UsageFields.of(counts.tokens(), Stores.runtime(context).prices()).usage(), counts.callFields()));
                System.out.println("[evalunit] tournament " + plan.name() + ": " + String.join(" > ", result.ranking())
                        + ", written to " + file);
            }
            return result;
        }
    }

    /** A tournament's plan, or the exception that prevented it: every test that needs it sees the same. */
    private record Planned(Tournament tournament, RuntimeException failure) {
        static Planned of(java.util.function.Supplier<Tournament> plan) {
            try {
                return new Planned(plan.get(), null);
            } catch (RuntimeException e) {
                return new Planned(null, e);
            }
        }
    }
}
