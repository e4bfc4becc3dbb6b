package dev.evalunit.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.Model;
import dev.evalunit.api.Task;
import dev.evalunit.api.spi.ModelClient;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.config.SecretReference;
import dev.evalunit.dataset.Dataset;
import dev.evalunit.dataset.DatasetLoader;
import dev.evalunit.dataset.DatasetReferences;
import dev.evalunit.dataset.IdColumns;
import dev.evalunit.execution.ReportDirectories;
import dev.evalunit.model.ModelClients;
import dev.evalunit.model.ModelSettingsResolver;
import dev.evalunit.prompt.PromptParameter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Turns a declared {@link PairwiseSpec} into a {@link PairwisePlan}, finding every mistake before
 * the first model call: the dataset, its ids, every prompt parameter against the dataset's columns,
 * each side's source of answers, the human preferences, the models and their API keys.
 */
@API(status = INTERNAL, since = "0.1")
public final class PairwisePlanner {

    /** The prompt parameter a generating side sends as its user message. */
    public static final String PROMPT_PARAMETER = "prompt";

    private final EvalConfig config;
    private final DatasetLoader datasets;
    private final ModelClients clients;
    private final SecretReference secrets;
    private final MethodBinder methods;

    public PairwisePlanner(EvalConfig config, DatasetLoader datasets, ModelClients clients, SecretReference secrets,
                           MethodBinder methods) {
        this.config = config;
        this.datasets = datasets;
        this.clients = clients;
        this.secrets = secrets;
        this.methods = methods;
    }

    public PairwisePlan plan(PairwiseSpec spec) {
        Task task = Task.fromId(spec.task()).orElseThrow(() -> new ConfigurationException(
                "task [" + spec.task() + "] is unknown. Use " + oneOf(Arrays.stream(Task.values()).map(Task::id).toList()) + "."));
        int samples = positive(spec.samples(), ConfigKeys.AUTORATER_SAMPLES, ConfigKeys.DEFAULT_AUTORATER_SAMPLES,
                "samples");
        int maxInputTokens = positive(spec.maxInputTokens(), ConfigKeys.AUTORATER_MAX_INPUT_TOKENS,
                ConfigKeys.DEFAULT_AUTORATER_MAX_INPUT_TOKENS, "maxInputTokens");
        int reaskAttempts = config.getInt(ConfigKeys.AUTORATER_REASK_ATTEMPTS)
                .orElse(ConfigKeys.DEFAULT_AUTORATER_REASK_ATTEMPTS);
        if (reaskAttempts < 0) {
            throw new ConfigurationException("[" + ConfigKeys.AUTORATER_REASK_ATTEMPTS + "] must be 0 or more, but was "
                    + reaskAttempts + ". Use 0 to ask a judge whose reply holds no verdict only once.");
        }
        int concurrency = config.getPositiveInt(ConfigKeys.CONCURRENCY, ConfigKeys.DEFAULT_CONCURRENCY);

        // Each row is checked as the dataset is read: a JSON Lines file is read through once for all of it.
        IdColumns.Check ids = IdColumns.check(spec.idColumns());
        String human = spec.humanPreferenceColumn().isBlank() ? null : spec.humanPreferenceColumn();
        HumanPreferenceCheck humanPreferences = new HumanPreferenceCheck(human);
        Dataset dataset = datasets.load(DatasetReferences.resolve(config, spec.dataset()), ids.andThen(humanPreferences));
        ids.finish(dataset);

        PromptParameter instruction = PromptParameter.of(spec.instruction().column(), spec.instruction().template(),
                "the autorater's instruction");
        instruction.validate(dataset, "the autorater's instruction");
        PromptParameter context = null;
        if (!spec.context().isEmpty()) {
            context = PromptParameter.of(spec.context().column(), spec.context().template(), "the autorater's context");
            context.validate(dataset, "the autorater's context");
        }

        humanPreferences.finish(dataset);

        // Sources are checked before models are resolved: a wrong declaration is reported as such,
        // not as the missing API key of a model that would never have been used.
        SideSpec a = checkSource(spec.sideA(), "model A", dataset);
        SideSpec b = checkSource(spec.sideB(), "model B", dataset);

        ModelSettingsResolver resolver = new ModelSettingsResolver(config, spec.inlineModels());
        AnswerSource sourceA = source(a, "model A", spec.inlineModels(), resolver);
        AnswerSource sourceB = source(b, "model B", spec.inlineModels(), resolver);
        ModelClient judge = client(spec.autoraterModel(), spec.inlineModels(), resolver);

        Path reportDir = ReportDirectories.of(config, spec.name());
        return new PairwisePlan(spec.name(), dataset, spec.idColumns(), task, instruction, context, sourceA, sourceB,
                human, judge, samples, maxInputTokens, reaskAttempts, concurrency, reportDir);
    }

    /** The spec's value when given (it wins over the configuration), else the configuration's, else the default. */
    private int positive(Integer given, String key, int defaultValue, String attribute) {
        if (given != null) {
            if (given <= 0) {
                throw new ConfigurationException("the autorater's [" + attribute + "] must be positive, but was " + given
                        + ". Use 1 or more.");
            }
            return given;
        }
        return config.getPositiveInt(key, defaultValue);
    }

    private static SideSpec checkSource(SideSpec side, String label, Dataset dataset) {
        List<String> given = new java.util.ArrayList<>();
        if (!side.model().isEmpty()) {
            given.add("a model [" + side.model() + "]");
        }
        if (!side.method().isEmpty()) {
            given.add("a method [" + side.method() + "]");
        }
        if (!side.responseColumn().isEmpty()) {
            given.add("a response column [" + side.responseColumn() + "]");
        }
        if (given.isEmpty()) {
            throw new ConfigurationException(label + " has no source of answers. Give a model, a method or a response column.");
        }
        if (given.size() > 1) {
            throw new ConfigurationException(label + " gives " + (given.size() == 2 ? "both " : "") + and(given)
                    + ". Give only one: a response column holds pre-generated answers, a model or method generates them.");
        }
        if (!side.responseColumn().isEmpty()) {
            if (!dataset.hasColumn(side.responseColumn())) {
                throw new ConfigurationException("response column [" + side.responseColumn() + "] of " + label
                        + " is not in dataset [" + dataset.source() + "]. Columns: " + String.join(", ", dataset.columns()) + ".");
            }
            if (!side.params().isEmpty()) {
                throw new ConfigurationException(label + " reads pre-generated answers from [" + side.responseColumn()
                        + "] but also gives prompt parameters " + side.params().keySet() + ". Remove them: nothing is generated.");
            }
            return side;
        }
        String generator = label + " [" + (side.model().isEmpty() ? side.method() : side.model()) + "]";
        if (side.params().keySet().stream().anyMatch(String::isBlank)) {
            throw new ConfigurationException(generator + " has a prompt parameter without a name."
                    + " Name each parameter; the one named [prompt] is sent to the model.");
        }
        if (!side.params().containsKey(PROMPT_PARAMETER)) {
            throw new ConfigurationException(generator + " has no prompt parameter [prompt]."
                    + " Add one, e.g. @PromptParam(name = \"prompt\", template = \"{{ question }}\").");
        }
        side.params().forEach((name, p) -> {
            String where = label + "'s prompt parameter [" + name + "]";
            PromptParameter.of(p.column(), p.template(), where).validate(dataset, where);
        });
        return side;
    }

    private AnswerSource source(SideSpec side, String label, List<Model> inline, ModelSettingsResolver resolver) {
        if (!side.responseColumn().isEmpty()) {
            return new AnswerSource.PreGenerated(side.responseColumn());
        }
        Map<String, PromptParameter> params = new LinkedHashMap<>();
        side.params().forEach((name, p) -> params.put(name, PromptParameter.of(p.column(), p.template(), label)));
        if (!side.model().isEmpty()) {
            ModelClient client = client(side.model(), inline, resolver);
            return new AnswerSource.Generated(side.model(), label + " [" + side.model() + "]", new ModelAnswerGenerator(client), params);
        }
        return new AnswerSource.Generated(side.method(), label + " [" + side.method() + "]", methods.bind(side.method(), label), params);
    }

    private ModelClient client(String name, List<Model> inline, ModelSettingsResolver resolver) {
        if (name == null || name.isBlank()) {
            throw new ConfigurationException("the autorater names no model. Set @Autorater(model = \"judge\") and declare it.");
        }
        Optional<Model> declared = inline.stream().filter(m -> m.name().equals(name)).findFirst();
        return clients.create(resolver.resolve(name, declared), secrets);
    }

    /** {@code a}, {@code a and b}, {@code a, b and c}. */
    private static String and(List<String> items) {
        return join(items, " and ");
    }

    /** {@code a}, {@code a or b}, {@code a, b or c}. */
    private static String oneOf(List<String> items) {
        return join(items, " or ");
    }

    private static String join(List<String> items, String last) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + last + items.get(items.size() - 1);
    }
}
