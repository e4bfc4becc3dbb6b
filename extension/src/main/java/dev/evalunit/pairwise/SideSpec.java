package dev.evalunit.pairwise;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * One side of a pairwise evaluation as declared: a model name, an in-process method name, or a
 * response column (exactly one; the planner checks), and the prompt parameters of a generating side.
 */
@API(status = INTERNAL, since = "0.1")
public record SideSpec(String model, String method, String responseColumn, Map<String, PromptSpec> params) {
    public SideSpec {
        model = model == null ? "" : model.trim();
        method = method == null ? "" : method.trim();
        responseColumn = responseColumn == null ? "" : responseColumn.trim();
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static SideSpec model(String model, Map<String, PromptSpec> params) {
        return new SideSpec(model, "", "", params);
    }

    public static SideSpec method(String method, Map<String, PromptSpec> params) {
        return new SideSpec("", method, "", params);
    }

    public static SideSpec responseColumn(String column) {
        return new SideSpec("", "", column, Map.of());
    }
}
