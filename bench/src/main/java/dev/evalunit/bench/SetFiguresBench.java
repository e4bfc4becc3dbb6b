package dev.evalunit.bench;

import dev.evalunit.api.experiment.ExperimentResult;
import dev.evalunit.api.experiment.ExperimentSetResult;
import dev.evalunit.api.experiment.Generation;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.experiment.RowResult;
import dev.evalunit.files.ObservationsOnDisk;
import dev.evalunit.files.ObservationsWriter;
import dev.evalunit.stats.experiment.ExperimentSetAggregation;
import dev.evalunit.stats.experiment.ExperimentSummaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * What a set's figures cost once its rows have run: the statistics across repeats and the rankings (with their
 * permutation tests) of a set whose experiments' rows are in observations files, as a run leaves them. Writes
 * C configurations x R repeats x N rows x M metrics (scores in quarter steps, each configuration a little ahead of
 * the one before) to a temporary folder, then aggregates them K times in this JVM and prints each time and a hash
 * of the figures (equal hashes: equal figures). No model, no server.
 *
 * <pre>bench/set-figures.sh C R N M [K]</pre>
 */
public final class SetFiguresBench {

    private SetFiguresBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 4 || args.length > 5) {
            System.err.println("usage: SetFiguresBench CONFIGURATIONS REPEATS ROWS METRICS [ROUNDS]");
            System.exit(2);
        }
        int configurations = Integer.parseInt(args[0]);
        int repeats = Integer.parseInt(args[1]);
        int rows = Integer.parseInt(args[2]);
        int metricCount = Integer.parseInt(args[3]);
        int rounds = args.length == 5 ? Integer.parseInt(args[4]) : 3;
        Path folder = Files.createTempDirectory("evalunit-set-figures-");
        try {
            List<String> metrics = new ArrayList<>();
            for (int m = 0; m < metricCount; m++) {
                metrics.add("metric_" + m);
            }
            List<ExperimentResult> experiments = write(folder, configurations, repeats, rows, metrics);
            Map<String, Boolean> directions = new LinkedHashMap<>();
            metrics.forEach(metric -> directions.put(metric, true));
            List<Long> millis = new ArrayList<>();
            String figures = null;
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                ExperimentSetResult result = ExperimentSetAggregation.aggregateByDirection("set", "", experiments,
                        directions, Map.of(), folder);
                millis.add((System.nanoTime() - start) / 1_000_000);
                figures = Integer.toHexString((result.rankings().toString()
                        + result.configurations().stream().map(c -> c.statistics().toString()).toList()).hashCode());
            }
            System.out.println("{\"configurations\":" + configurations + ",\"repeats\":" + repeats + ",\"rows\":" + rows
                    + ",\"metrics\":" + metricCount + ",\"aggregation_ms\":" + millis + ",\"figures\":\"" + figures
                    + "\"}");
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static List<ExperimentResult> write(Path folder, int configurations, int repeats, int rows,
                                                List<String> metrics) throws IOException {
        Random random = new Random(7);
        List<ExperimentResult> experiments = new ArrayList<>();
        for (int c = 0; c < configurations; c++) {
            for (int r = 0; r < repeats; r++) {
                ExperimentSummaries.Running sums = new ExperimentSummaries.Running(metrics);
                ObservationsOnDisk onDisk;
                try (ObservationsWriter writer = ObservationsWriter.open(folder.resolve("c" + c + "r" + r + ".jsonl"),
                        metrics)) {
                    for (int i = 0; i < rows; i++) {
                        Map<String, MetricObservation> scores = new LinkedHashMap<>();
                        for (String metric : metrics) {
                            scores.put(metric, MetricObservation.of(random.nextInt(5) * 0.25 + c * 0.01));
                        }
                        RowResult row = new RowResult("q" + i, Generation.preGenerated(
                                "The answer to question " + i + ", about as long as a short answer is."), scores);
                        writer.write(row);
                        sums.add(row);
                    }
                    onDisk = writer.finish();
                }
                experiments.add(new ExperimentResult("set", "c" + c + "__" + r, experiments.size(), "c" + c, r, repeats,
                        Map.of("model", Map.of("name", "c" + c)), metrics, onDisk, sums.summaries(), folder));
            }
        }
        return experiments;
    }
}
