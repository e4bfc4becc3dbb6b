package dev.evalunit.metrics;

import dev.evalunit.api.experiment.MetricDescriptor;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.spi.ChatMessage;
import dev.evalunit.api.spi.Metric;
import dev.evalunit.api.spi.MetricInput;
import dev.evalunit.api.spi.ModelCallException;
import dev.evalunit.api.spi.ModelUnusableException;
import dev.evalunit.budget.EvaluationInfrastructureException;
import dev.evalunit.api.spi.ModelReply;
import dev.evalunit.api.spi.ModelRequest;

import java.util.List;
import java.util.Optional;

/**
 * An LLM-judge metric: renders its prompt for the row and the answer, asks the judge for a JSON
 * score, and checks the score against the metric's scale. Every failure (no judge, an empty cell,
 * a failed call, an unreadable reply, a score off the scale) is a failed observation with its reason;
 * the judge's reply is kept whenever there is one. Each built-in judge metric is a subclass that
 * gives its {@link JudgeSpec}, so that the services file can name it.
 */
class JudgeMetric implements Metric {

    /** The placeholder that stands for the answer being judged. */
    static final String OUTPUT = "output";

    private final JudgeSpec spec;

    JudgeMetric(JudgeSpec spec) {
        this.spec = spec;
    }

    JudgeSpec spec() {
        return spec;
    }

    @Override
    public MetricDescriptor descriptor() {
        return spec.descriptor();
    }

    @Override
    public MetricObservation observe(MetricInput input) {
        if (input.judge() == null) {
            return MetricObservation.failed("metric [" + spec.name() + "] needs a judge model: set judge_model", null);
        }
        Optional<String> emptyCell = emptyCell(input);
        if (emptyCell.isPresent()) {
            return MetricObservation.failed(emptyCell.get(), null);
        }
        ModelReply reply;
        try {
            reply = input.judge().complete(request(input));
        } catch (ModelUnusableException e) {
            // Not this row's failure: the judge cannot score any row, so the experiment stops.
            throw new EvaluationInfrastructureException(e.getMessage());
        } catch (ModelCallException e) {
            String message = e.getMessage();
            return MetricObservation.failed(message == null || message.isBlank() ? "the judge call failed" : message,
                    null);
        }
        String text = reply.text();
        JudgeScore score;
        try {
            score = JudgeReplyParser.parse(text, spec.scale().binary());
        } catch (UnreadableReplyException e) {
            return MetricObservation.failed("the judge's reply could not be read: " + e.getMessage(), text);
        }
        return spec.scale().violation(score.score())
                .map(violation -> MetricObservation.failed(violation, text))
                .orElseGet(() -> MetricObservation.judged(score.score(), text));
    }

    /** The request for this row: system and user message, the score schema, and the repeat as sample index. */
    ModelRequest request(MetricInput input) {
        return new ModelRequest(List.of(ChatMessage.system(JudgePrompts.SYSTEM_MESSAGE), ChatMessage.user(prompt(input))),
                spec.scale().responseSchema(), spec.name(), input.sampleIndex());
    }

    /** The user prompt for this row. */
    String prompt(MetricInput input) {
        String task = spec.template().render(name -> value(input, name));
        return task.stripTrailing() + "\n\n" + spec.replyFormat();
    }

    // A built-in metric without its data would make the judge score noise, so an empty cell is a failed
    // observation; a user's own prompt may use optional columns, so its cells may be empty.
    private Optional<String> emptyCell(MetricInput input) {
        if (spec.userWritten()) {
            return Optional.empty();
        }
        for (String column : spec.descriptor().requiredColumns()) {
            if (value(input, column).isEmpty()) {
                String fallback = spec.fallbacks().get(column);
                return Optional.of(fallback == null ? "the row's [" + column + "] is empty"
                        : "the row's [" + column + "] and [" + fallback + "] are empty");
            }
        }
        return Optional.empty();
    }

    private String value(MetricInput input, String name) {
        if (name.equals(OUTPUT)) {
            String output = input.generation().output();
            return output == null ? "" : output.strip();
        }
        String value = CellText.of(input.row().get(name));
        String fallback = spec.fallbacks().get(name);
        return value.isEmpty() && fallback != null ? CellText.of(input.row().get(fallback)) : value;
    }
}
