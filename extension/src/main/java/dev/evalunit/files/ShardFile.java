package dev.evalunit.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.config.ConfigurationException;
import dev.evalunit.json.JsonWriting;
import dev.evalunit.shard.Shard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The shard file ({@value #NAME}): a {@link ShardManifest} as a pretty-printed JSON object, written beside a
 * sharded evaluation's files and read by {@code evalunit merge}. A run of the whole evaluation writes none.
 */
@API(status = INTERNAL, since = "0.1")
public final class ShardFile {

    public static final String NAME = "shard.json";

    private ShardFile() {
    }

    /** Writes {@code manifest} into {@code directory} (which exists); returns the file. */
    public static Path write(ShardManifest manifest, Path directory) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("shard", manifest.shard().label());
        json.put("spec", manifest.spec());
        json.put("evaluation", manifest.evaluation());
        json.put("task", manifest.task());
        json.put("id_columns", manifest.idColumns());
        json.put("human_preference_column", manifest.humanPreferenceColumn());
        json.put(JudgmentsFile.MODEL_A, manifest.modelA());
        json.put(JudgmentsFile.MODEL_B, manifest.modelB());
        json.put("dataset_size", manifest.datasetSize());
        json.put("error_budget", manifest.errorBudget());
        json.put("rows", manifest.rows());
        Path file = directory.resolve(NAME);
        Files.writeString(file, JsonWriting.prettyText(json) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /**
     * @throws ConfigurationException when the file is missing or a field is missing or of the wrong type
     */
    public static ShardManifest read(Path file) {
        Fields json = JsonFiles.readObject(file, "shard file");
        return new ShardManifest(shard(json, file), json.text("spec"), json.text("evaluation"), json.text("task"),
                json.texts("id_columns"), json.text("human_preference_column"), json.text(JudgmentsFile.MODEL_A),
                json.text(JudgmentsFile.MODEL_B), json.integer("dataset_size"), json.number("error_budget"),
                json.integers("rows"));
    }

    /** The {@code shard} field of a shard file. */
    static Shard shard(Fields json, Path file) {
        try {
            return Shard.parse(json.text("shard"));
        } catch (ConfigurationException e) {
            throw new ConfigurationException("shard file [" + file + "] has field [shard] '" + json.text("shard")
                    + "', not K/N. Use the shard files evalunit wrote.");
        }
    }
}
