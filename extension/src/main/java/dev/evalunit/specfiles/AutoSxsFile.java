package dev.evalunit.specfiles;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.MetricNames;
import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.experiment.spec.UnknownKeys;
import dev.evalunit.pairwise.PairwisePlanner;
import dev.evalunit.pairwise.PairwiseSpec;
import dev.evalunit.pairwise.PromptSpec;
import dev.evalunit.pairwise.SideSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * An AutoSxS pipeline definition read as it is written for Vertex AI: the whole pipeline job body
 * ({@code displayName}, {@code runtimeConfig.gcsOutputDirectory}, {@code runtimeConfig.parameterValues},
 * {@code templateUri}) or {@code parameterValues} alone, with the pipeline's conventions: {@code ""}
 * means "not given" for {@code response_column_*} and {@code model_*}, {@code {}} is an empty set of
 * prompt parameters, {@code id_columns} is a list, {@code evaluation_dataset} a path or a comma-separated
 * list of files. The autorater, which AutoSxS does not let one choose, is the model named by
 * {@value ConfigKeys#JUDGE_DEFAULT}. An optional {@code "evalunit": {"gates": {...}}} block adds gates.
 */
@API(status = INTERNAL, since = "0.1")
public final class AutoSxsFile {

    /** What the spec-file engine finds by this suffix. */
    public static final String SUFFIX = ".autosxs.json";

    private static final List<String> BODY_KEYS = List.of("displayName", "runtimeConfig", "templateUri", Gates.BLOCK);
    private static final List<String> RUNTIME_KEYS = List.of("gcsOutputDirectory", "parameterValues");
    private static final String TEMPLATE = "autosxs-template";
    // Read and used.
    private static final List<String> PARAMETERS = List.of("evaluation_dataset", "id_columns", "task",
            "autorater_prompt_parameters", "response_column_a", "response_column_b", "model_a", "model_b",
            "model_a_prompt_parameters", "model_b_prompt_parameters", "human_preference_column",
            // Accepted and not used: where Vertex AI writes its outputs, and how.
            "judgments_format", "bigquery_destination_prefix", "experimental_args", "encryption_spec_key_name",
            Gates.BLOCK);
    private static final List<String> AUTORATER_KEYS = List.of("inference_instruction", "inference_context");
    private static final List<String> PROMPT_KEYS = List.of("column", "template");
    /** The figures of a pairwise evaluation's {@code metrics.json}, which gates may name. */
    public static final Set<String> FIGURES = Gates.constantsOf(MetricNames.class);
    /** What {@link #FIGURES} are, for messages. */
    public static final String FIGURE = Gates.FIGURE;

    private AutoSxsFile() {
    }

    /**
     * @param resource the file's class path resource name, for messages and the default name
     * @param json the file's JSON value
     * @param config for the autorater ({@value ConfigKeys#JUDGE_DEFAULT})
     * @throws ConfigurationException for any mistake the file alone shows
     */
    public static SpecFile read(String resource, Object json, EvalConfig config) {
        String owner = "spec file [" + resource + "]";
        Map<?, ?> body = SpecValues.object(json, "the file", owner);
        boolean wholeBody = body.containsKey("runtimeConfig") || body.containsKey("templateUri")
                || body.containsKey("displayName");
        String name = defaultName(resource);
        Map<?, ?> parameters = body;
        if (wholeBody) {
            UnknownKeys.require(body, BODY_KEYS, owner);
            String template = SpecValues.text(body.get("templateUri"), "templateUri", owner);
            if (!template.isEmpty() && !template.contains(TEMPLATE)) {
                throw new ConfigurationException(owner + " runs template [" + template + "], which is not the AutoSxS"
                        + " pipeline. Use the AutoSxS template (…/" + TEMPLATE + "/default), or remove templateUri.");
            }
            String displayName = SpecValues.text(body.get("displayName"), "displayName", owner);
            name = displayName.isBlank() ? name : displayName.strip();
            Map<?, ?> runtime = SpecValues.object(body.get("runtimeConfig"), "runtimeConfig", owner);
            UnknownKeys.require(runtime, RUNTIME_KEYS, "[runtimeConfig] of " + owner);
            parameters = SpecValues.object(runtime.get("parameterValues"), "runtimeConfig.parameterValues", owner);
            if (parameters.containsKey(Gates.BLOCK)) {
                throw new ConfigurationException(owner + " has [" + Gates.BLOCK + "] inside parameterValues. Move it to"
                        + " the top level of the body, next to runtimeConfig.");
            }
        }
        UnknownKeys.require(parameters, PARAMETERS, "[parameterValues] of " + owner);
        List<Gate> gates = Gates.read(body.get(Gates.BLOCK), FIGURES, Gates.FIGURE, owner);
        Map<?, ?> autorater = SpecValues.object(parameters.get("autorater_prompt_parameters") == null ? Map.of()
                : parameters.get("autorater_prompt_parameters"), "autorater_prompt_parameters", owner);
        UnknownKeys.require(autorater, AUTORATER_KEYS, "[autorater_prompt_parameters] of " + owner);
        String judge = config.get(ConfigKeys.JUDGE_DEFAULT).map(String::strip).orElse("");
        if (judge.isEmpty()) {
            throw new ConfigurationException(owner + " has no autorater: AutoSxS's is chosen by Vertex AI. Set "
                    + ConfigKeys.JUDGE_DEFAULT + "=<model> and declare that model under " + ConfigKeys.MODELS_PREFIX + "<model>.*.");
        }
        PairwiseSpec spec = new PairwiseSpec(name,
                SpecValues.text(parameters.get("evaluation_dataset"), "evaluation_dataset", owner),
                SpecValues.texts(parameters.get("id_columns"), "id_columns", owner),
                SpecValues.text(parameters.get("task"), "task", owner),
                judge,
                prompt(autorater.get("inference_instruction"), "autorater_prompt_parameters.inference_instruction", owner),
                prompt(autorater.get("inference_context"), "autorater_prompt_parameters.inference_context", owner),
                null, null,
                side(parameters, "a", owner, config),
                side(parameters, "b", owner, config),
                SpecValues.text(parameters.get("human_preference_column"), "human_preference_column", owner),
                List.of());
        return new SpecFile(resource, spec, gates);
    }

    /** The file name without its suffix: {@code evals/qa/candidate.autosxs.json} is {@code candidate}. */
    static String defaultName(String resource) {
        String file = resource.substring(resource.lastIndexOf('/') + 1);
        return file.endsWith(SUFFIX) ? file.substring(0, file.length() - SUFFIX.length()) : file;
    }

    private static SideSpec side(Map<?, ?> parameters, String side, String owner, EvalConfig config) {
        String model = SpecValues.text(parameters.get("model_" + side), "model_" + side, owner);
        VertexResourceModels.requireCallable(model, "model_" + side, config, owner);
        String column = SpecValues.text(parameters.get("response_column_" + side), "response_column_" + side, owner);
        String key = "model_" + side + "_prompt_parameters";
        Map<?, ?> given = SpecValues.object(parameters.get(key) == null ? Map.of() : parameters.get(key), key, owner);
        Map<String, PromptSpec> params = new LinkedHashMap<>();
        given.forEach((param, value) -> params.put(String.valueOf(param), prompt(value, key + "." + param, owner)));
        if (model.isBlank() || params.isEmpty()) {
            return new SideSpec(model, "", column, params);
        }
        // AutoSxS names a Gemini model's input [prompt] and another model type's inputs as that model names them
        // (e.g. QUESTION); a model called here takes one user message, so the file's one parameter is that message.
        if (params.size() > 1) {
            throw new ConfigurationException(owner + " gives [" + key + "] the parameters " + params.keySet() + ". A model"
                    + " called here receives one user message: give one parameter (of any name, e.g. [prompt] as AutoSxS"
                    + " names a Gemini model's) whose template joins the columns it needs, e.g. {\"prompt\": {\"template\":"
                    + " \"{{ context }}\\n{{ question }}\"}}.");
        }
        return new SideSpec(model, "", column, Map.of(PairwisePlanner.PROMPT_PARAMETER, params.values().iterator().next()));
    }

    /** {@code {"column": c}} or {@code {"template": t}}; absent is empty. */
    private static PromptSpec prompt(Object value, String key, String owner) {
        if (value == null) {
            return new PromptSpec("", "");
        }
        Map<?, ?> object = SpecValues.object(value, key, owner);
        UnknownKeys.require(object, PROMPT_KEYS, "[" + key + "] of " + owner);
        return new PromptSpec(SpecValues.text(object.get("column"), key + ".column", owner),
                SpecValues.text(object.get("template"), key + ".template", owner));
    }
}
