package dev.evalunit.report.experiment;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.MetricSummary;
import dev.evalunit.report.JsonWriting;
import java.io.IOException;

/** One experiment's summary object: who it is, its configuration, and each metric's figures. */
final class ExperimentSummaryJson {

    private ExperimentSummaryJson() {
    }

    static void write(JsonGenerator generator, ExperimentResult result) throws IOException {
        generator.writeStartObject();
        generator.writeStringField("name", result.name());
        generator.writeStringField("set", result.setName());
        generator.writeNumberField("index", result.index());
        generator.writeStringField("configuration_id", result.configurationId());
        generator.writeNumberField("repeat_index", result.repeatIndex());
        generator.writeNumberField("repeat_count", result.repeatCount());
        generator.writeFieldName("configuration");
        JsonWriting.writeValue(generator, result.configuration());
        generator.writeObjectFieldStart("metrics");
        for (String metric : result.metricNames()) {
            generator.writeFieldName(metric);
            MetricSummary summary = result.metrics().get(metric);
            if (summary == null) {
                generator.writeNull();
                continue;
            }
            generator.writeStartObject();
            generator.writeFieldName("mean");
            JsonWriting.writeNumber(generator, summary.mean());
            generator.writeNumberField("support", summary.support());
            generator.writeNumberField("failures", summary.failures());
            generator.writeFieldName("failure_rate");
            JsonWriting.writeNumber(generator, summary.failureRate());
            generator.writeEndObject();
        }
        generator.writeEndObject();
        generator.writeEndObject();
    }
}
