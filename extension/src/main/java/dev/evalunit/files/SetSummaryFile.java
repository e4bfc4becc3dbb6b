package dev.evalunit.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.evalunit.api.experiment.ConfigurationResult;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.MetricRanking;
import dev.evalunit.api.experiment.RepeatStatistics;
import dev.evalunit.execution.ReportDirectories;
import dev.evalunit.json.JsonWriting;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * An experiment set's summary ({@value #NAME}), pretty-printed: its experiments, each
 * configuration's statistics, and the rankings. Read back together with each experiment's
 * directory ({@link ExperimentSummaryFile}), it gives the whole {@link ExperimentSetResult}.
 */
@API(status = INTERNAL, since = "0.1")
public final class SetSummaryFile {

    public static final String NAME = "set-summary.json";

    private SetSummaryFile() {
    }

    /** Writes {@code result}'s summary into {@code directory} (which exists); returns the file. */
    public static Path write(ExperimentSetResult result, Path directory) throws IOException {
        return write(result, Map.of(), directory);
    }

    /**
     * Writes {@code result}'s summary and, after the rankings, the {@code extra} fields (the set's
     * {@code tokens} and {@code cost_usd}, which the results alone cannot give); returns the file.
     */
    public static Path write(ExperimentSetResult result, Map<String, Object> extra, Path directory) throws IOException {
        return JsonFiles.writePretty(directory, NAME, generator -> writeSummary(generator, result, extra));
    }

    /**
     * Reads a set back from its directory: {@value #NAME}, and each experiment from its folder
     * {@code <directory>/<experiment name>/}. The result's report directory is {@code directory}.
     *
     * @throws ConfigurationException when a file is missing or not what evalunit writes
     */
    public static ExperimentSetResult read(Path directory) {
        Fields json = JsonFiles.readObject(directory.resolve(NAME), "set summary file");
        List<ExperimentResult> experiments = new ArrayList<>();
        for (Fields experiment : json.objects("experiments")) {
            experiments.add(ExperimentSummaryFile.read(directory.resolve(ReportDirectories.segment(experiment.text("name")))));
        }
        List<ConfigurationResult> configurations = new ArrayList<>();
        for (Fields configuration : json.objects("configurations")) {
            configurations.add(configuration(configuration));
        }
        Map<String, MetricRanking> rankings = new LinkedHashMap<>();
        Fields rankingFields = json.requiredObject("rankings");
        for (String metric : rankingFields.names()) {
            Fields ranking = rankingFields.requiredObject(metric);
            rankings.put(metric, new MetricRanking(metric, ranking.bool("higher_is_better"),
                    ranking.texts("configuration_ids"), ranking.number("p_value")));
        }
        return new ExperimentSetResult(json.text("name"), json.text("readme"), experiments, configurations, rankings,
                directory);
    }

    private static ConfigurationResult configuration(Fields configuration) {
        Map<String, RepeatStatistics> statistics = new LinkedHashMap<>();
        Fields statisticFields = configuration.requiredObject("statistics");
        for (String metric : statisticFields.names()) {
            Fields figures = statisticFields.requiredObject(metric);
            statistics.put(metric, new RepeatStatistics(metric, figures.integer("runs"), figures.number("mean"),
                    figures.number("standard_deviation"), figures.number("ci_low"), figures.number("ci_high"),
                    figures.number("row_spread"), figures.number("failure_rate")));
        }
        return new ConfigurationResult(configuration.text("configuration_id"), configuration.text("label"),
                configuration.map("configuration"), configuration.texts("experiments"), statistics);
    }

    private static void writeSummary(JsonGenerator generator, ExperimentSetResult result, Map<String, Object> extra)
            throws IOException {
        generator.writeStartObject();
        generator.writeStringField("name", result.name());
        generator.writeStringField("readme", result.readme());
        generator.writeArrayFieldStart("experiments");
        for (ExperimentResult experiment : result.experiments()) {
            generator.writeStartObject();
            generator.writeStringField("name", experiment.name());
            generator.writeStringField("configuration_id", experiment.configurationId());
            generator.writeNumberField("repeat_index", experiment.repeatIndex());
            generator.writeEndObject();
        }
        generator.writeEndArray();
        generator.writeArrayFieldStart("configurations");
        for (ConfigurationResult configuration : result.configurations()) {
            writeConfiguration(generator, configuration);
        }
        generator.writeEndArray();
        generator.writeObjectFieldStart("rankings");
        for (Map.Entry<String, MetricRanking> entry : result.rankings().entrySet()) {
            MetricRanking ranking = entry.getValue();
            generator.writeObjectFieldStart(entry.getKey());
            generator.writeBooleanField("higher_is_better", ranking.higherIsBetter());
            generator.writeFieldName("configuration_ids");
            JsonWriting.writeValue(generator, ranking.configurationIds());
            JsonWriting.writeNumberField(generator, "p_value", ranking.pValue());
            generator.writeEndObject();
        }
        generator.writeEndObject();
        for (Map.Entry<String, Object> field : extra.entrySet()) {
            generator.writeFieldName(field.getKey());
            JsonWriting.writeValue(generator, field.getValue());
        }
        generator.writeEndObject();
    }

    private static void writeConfiguration(JsonGenerator generator, ConfigurationResult configuration)
            throws IOException {
        generator.writeStartObject();
        generator.writeStringField("configuration_id", configuration.configurationId());
        generator.writeStringField("label", configuration.label());
        generator.writeStringField("model", configuration.modelName());
        generator.writeFieldName("configuration");
        JsonWriting.writeValue(generator, configuration.configuration());
        generator.writeFieldName("experiments");
        JsonWriting.writeValue(generator, configuration.experimentNames());
        generator.writeObjectFieldStart("statistics");
        for (Map.Entry<String, RepeatStatistics> entry : configuration.statistics().entrySet()) {
            RepeatStatistics statistics = entry.getValue();
            generator.writeObjectFieldStart(entry.getKey());
            generator.writeNumberField("runs", statistics.runs());
            JsonWriting.writeNumberField(generator, "mean", statistics.mean());
            JsonWriting.writeNumberField(generator, "standard_deviation", statistics.standardDeviation());
            JsonWriting.writeNumberField(generator, "ci_low", statistics.ciLow());
            JsonWriting.writeNumberField(generator, "ci_high", statistics.ciHigh());
            JsonWriting.writeNumberField(generator, "row_spread", statistics.rowSpread());
            JsonWriting.writeNumberField(generator, "failure_rate", statistics.failureRate());
            generator.writeEndObject();
        }
        generator.writeEndObject();
        generator.writeEndObject();
    }
}
