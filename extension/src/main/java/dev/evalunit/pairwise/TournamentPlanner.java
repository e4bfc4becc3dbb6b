package dev.evalunit.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.Model;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.config.SecretReference;
import dev.evalunit.execution.ReportDirectories;
import dev.evalunit.model.ModelClients;
import dev.evalunit.model.ModelSettings;
import dev.evalunit.model.ModelSettingsResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Turns a {@link TournamentSpec} into a {@link TournamentPlan}, finding every mistake before the first call:
 * the grid (at least two candidates, each model declared, no model twice), the baseline among the
 * candidates, the repeats and bootstrap rounds, then every pairing as {@link PairwisePlanner} checks a
 * pairwise evaluation. Each candidate's answers are shared by its pairings ({@link CandidateAnswers}).
 */
@API(status = INTERNAL, since = "0.1")
public final class TournamentPlanner {

    private final EvalConfig config;
    private final ModelClients clients;
    private final SecretReference secrets;
    private final PairwisePlanner pairwise;

    public TournamentPlanner(EvalConfig config, PairwisePlanner pairwise, ModelClients clients, SecretReference secrets) {
        this.config = config;
        this.pairwise = pairwise;
        this.clients = clients;
        this.secrets = secrets;
    }

    public TournamentPlan plan(TournamentSpec spec) {
        String where = "tournament [" + spec.name() + "]";
        List<TournamentCandidate> candidates = candidates(spec, where);
        List<String> names = candidates.stream().map(TournamentCandidate::name).toList();
        if (candidates.size() < 2) {
            throw new ConfigurationException(where + " has " + candidates.size() + " candidate" + (candidates.size() == 1 ? "" : "s")
                    + " [" + String.join(", ", names) + "]. Declare at least 2 models, or 1 model and 2 temperatures.");
        }
        if (spec.repeat() < 1) {
            throw new ConfigurationException(where + " has repeat [" + spec.repeat() + "]. Use 1 or more.");
        }
        if (spec.bootstrapRounds() < 1) {
            throw new ConfigurationException(where + " has bootstrap rounds [" + spec.bootstrapRounds() + "]. Use 1 or more.");
        }
        String baseline = spec.baseline();
        if (baseline.isEmpty()) {
            if (!spec.roundRobin()) {
                throw new ConfigurationException(where + " names no baseline. Name one of its candidates ["
                        + String.join(", ", names) + "], or play it round robin.");
            }
            baseline = names.get(0);
        }
        if (!names.contains(baseline)) {
            throw new ConfigurationException(where + " has baseline [" + baseline + "], which is not among its candidates ["
                    + String.join(", ", names) + "]. Name one of them.");
        }
        ModelSettingsResolver resolver = new ModelSettingsResolver(config, spec.inlineModels());
        List<ModelSettings> settings = new ArrayList<>();
        for (TournamentCandidate candidate : candidates) {
            settings.add(settings(candidate, spec.inlineModels(), resolver));
        }
        Path directory = ReportDirectories.of(config, spec.name());
        int b = names.indexOf(baseline);
        List<TournamentPlan.Pairing> pairings = new ArrayList<>();
        for (int repeat = 0; repeat < spec.repeat(); repeat++) {
            List<AnswerSource> own = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                own.add(null);
            }
            for (int[] pair : pairs(candidates.size(), b, spec.roundRobin())) {
                TournamentCandidate a = candidates.get(pair[0]);
                TournamentCandidate other = candidates.get(pair[1]);
                String display = a.name() + " vs " + other.name() + (spec.repeat() > 1 ? " (repeat " + (repeat + 1) + ")" : "");
                // Every pairing is checked as a pairwise evaluation of its own: dataset, prompts, judge, models.
                PairwisePlan checked = pairwise.plan(spec.pairing(spec.name() + " " + display, a.model(), other.model()));
                AnswerSource sideA = source(own, pair[0], candidates, settings, repeat, checked.sideA());
                AnswerSource sideB = source(own, pair[1], candidates, settings, repeat, checked.sideB());
                PairwisePlan plan = checked.forPairing(sideA, sideB,
                        directory.resolve(ReportDirectories.segment(a.name() + "-vs-" + other.name()
                                + (spec.repeat() > 1 ? "-repeat-" + (repeat + 1) : ""))));
                pairings.add(new TournamentPlan.Pairing(display, plan));
            }
        }
        return new TournamentPlan(spec.name(), baseline, names, pairings, spec.bootstrapRounds(), spec.seed(), directory);
    }

    private static List<TournamentCandidate> candidates(TournamentSpec spec, String where) {
        Set<String> seen = new HashSet<>();
        List<TournamentCandidate> candidates = new ArrayList<>();
        for (String model : spec.models()) {
            if (model.isEmpty()) {
                throw new ConfigurationException(where + " has a blank model name. Name a declared model.");
            }
            if (!seen.add(model)) {
                throw new ConfigurationException(where + " lists model [" + model + "] twice. List each model once.");
            }
            if (spec.temperatures().isEmpty()) {
                candidates.add(new TournamentCandidate(model, null));
            }
            for (Double temperature : spec.temperatures()) {
                candidates.add(new TournamentCandidate(model, temperature));
            }
        }
        return candidates;
    }

    /** Index pairs {A, B}: each candidate against the baseline, or every pair (the later-declared one as A). */
    private static List<int[]> pairs(int count, int baseline, boolean roundRobin) {
        List<int[]> pairs = new ArrayList<>();
        if (!roundRobin) {
            for (int i = 0; i < count; i++) {
                if (i != baseline) {
                    pairs.add(new int[] {i, baseline});
                }
            }
            return pairs;
        }
        for (int j = 0; j < count; j++) {
            for (int i = j + 1; i < count; i++) {
                pairs.add(new int[] {i, j});
            }
        }
        return pairs;
    }

    /** The model's settings, with the candidate's temperature among its sampling parameters. */
    private static ModelSettings settings(TournamentCandidate candidate, List<Model> inline, ModelSettingsResolver resolver) {
        Optional<Model> declared = inline.stream().filter(m -> m.name().equals(candidate.model())).findFirst();
        ModelSettings s = resolver.resolve(candidate.model(), declared);
        if (candidate.temperature() == null) {
            return s;
        }
        Map<String, Object> sampling = new LinkedHashMap<>(s.samplingParams());
        sampling.put("temperature", candidate.temperature());
        return new ModelSettings(s.name(), s.provider(), s.model(), s.baseUrl(), s.apiKeyReference(), s.systemPrompt(),
                sampling, s.extraParams(), s.timeout(), s.maxRetries(), s.rateLimits(), s.providerParams());
    }

    /** The candidate's source in this repeat, created on first use and shared by its pairings. */
    private AnswerSource source(List<AnswerSource> own, int index, List<TournamentCandidate> candidates,
                                List<ModelSettings> settings, int repeat, AnswerSource checked) {
        if (own.get(index) == null) {
            AnswerSource.Generated generated = (AnswerSource.Generated) checked;
            TournamentCandidate candidate = candidates.get(index);
            own.set(index, new AnswerSource.Generated(candidate.name(), "candidate [" + candidate.name() + "]",
                    new CandidateAnswers(clients.create(settings.get(index), secrets), repeat), generated.params()));
        }
        return own.get(index);
    }
}
