package dev.evalunit.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.config.ConfigurationException;
import dev.evalunit.json.JsonWriting;
import dev.evalunit.shard.Shard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The shard file of an experiment set ({@value #NAME}): a {@link SetShardManifest} as a pretty-printed JSON
 * object in the set's folder, read by {@code evalunit merge}. A run of the whole set writes none.
 */
@API(status = INTERNAL, since = "0.1")
public final class SetShardFile {

    public static final String NAME = "set-shard.json";

    private SetShardFile() {
    }

    /** Writes {@code manifest} into {@code directory} (which exists); returns the file. */
    public static Path write(SetShardManifest manifest, Path directory) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("shard", manifest.shard().label());
        json.put("spec", manifest.spec());
        json.put("set", manifest.set());
        json.put("error_budget", manifest.errorBudget());
        json.put("higher_is_better", new java.util.TreeMap<>(manifest.higherIsBetter()));
        List<Map<String, Object>> experiments = new ArrayList<>();
        for (SetShardManifest.Experiment experiment : manifest.experiments()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("folder", experiment.folder());
            fields.put("display_name", experiment.displayName());
            fields.put("dataset_size", experiment.datasetSize());
            fields.put("rows", experiment.rows());
            experiments.add(fields);
        }
        json.put("experiments", experiments);
        Path file = directory.resolve(NAME);
        Files.writeString(file, JsonWriting.prettyText(json) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /**
     * @throws ConfigurationException when the file is missing or a field is missing or of the wrong type
     */
    public static SetShardManifest read(Path file) {
        Fields json = JsonFiles.readObject(file, "set shard file");
        Map<String, Boolean> higherIsBetter = new LinkedHashMap<>();
        Fields directions = json.requiredObject("higher_is_better");
        for (String metric : directions.names()) {
            higherIsBetter.put(metric, directions.bool(metric));
        }
        List<SetShardManifest.Experiment> experiments = new ArrayList<>();
        for (Fields experiment : json.objects("experiments")) {
            experiments.add(new SetShardManifest.Experiment(experiment.text("folder"), experiment.text("display_name"),
                    experiment.integer("dataset_size"), experiment.integers("rows")));
        }
        return new SetShardManifest(ShardFile.shard(json, file), json.text("spec"), json.text("set"),
                json.number("error_budget"), higherIsBetter, experiments);
    }
}
