package dev.evalunit.report.experiment;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.evalunit.api.experiment.ConfigurationResult;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.MetricRanking;
import dev.evalunit.api.experiment.RepeatStatistics;
import dev.evalunit.report.JsonWriting;
import java.io.IOException;
import java.util.Map;

/** A set's summary object: its experiments, each configuration's statistics, and the rankings. */
final class SetSummaryJson {

    private SetSummaryJson() {
    }

    static void write(JsonGenerator generator, ExperimentSetResult result) throws IOException {
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
            generator.writeFieldName("p_value");
            JsonWriting.writeNumber(generator, ranking.pValue());
            generator.writeEndObject();
        }
        generator.writeEndObject();
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
            writeNumber(generator, "mean", statistics.mean());
            writeNumber(generator, "standard_deviation", statistics.standardDeviation());
            writeNumber(generator, "ci_low", statistics.ciLow());
            writeNumber(generator, "ci_high", statistics.ciHigh());
            writeNumber(generator, "row_spread", statistics.rowSpread());
            writeNumber(generator, "failure_rate", statistics.failureRate());
            generator.writeEndObject();
        }
        generator.writeEndObject();
        generator.writeEndObject();
    }

    private static void writeNumber(JsonGenerator generator, String field, Double value) throws IOException {
        generator.writeFieldName(field);
        JsonWriting.writeNumber(generator, value);
    }
}
