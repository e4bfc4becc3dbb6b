package dev.evalunit.cli;

import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.junit.SpecFilesLauncher;
import dev.evalunit.junit.SpecFilesLauncher.TestOutcome;
import dev.evalunit.specfiles.AutoSxsFile;
import dev.evalunit.specfiles.Gate;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code evalunit run FILE... [--output DIR] [--gate metric>=value]... [-Dkey=value]...}: runs spec files through
 * the JUnit Platform Launcher ({@link SpecFilesLauncher}), writing the files a test run writes plus a JUnit XML
 * report into the output folder, and exits 0 when every test passed, 1 when a gate or an evaluation failed, 2 on
 * bad input (a missing file, a file that is not a spec file, bad JSON, a configuration error, a bad gate).
 */
final class RunCommand {

    static final String GATE_OPTION = "--gate";

    private RunCommand() {
    }

    /** The options of the {@code run} command. */
    record Options(List<Path> files, Path output, List<String> gates, Map<String, String> parameters) {

        static Options parse(String[] args) {
            List<Path> files = new ArrayList<>();
            Path output = null;
            List<String> gates = new ArrayList<>();
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.startsWith("-D")) {
                    int equals = option.indexOf('=');
                    if (equals <= 2) {
                        throw new Main.UsageException("option [" + option + "] needs the form -Dkey=value");
                    }
                    parameters.put(option.substring(2, equals), option.substring(equals + 1));
                    continue;
                }
                switch (option) {
                    case "--output" -> output = Path.of(Main.value(args, ++i, option));
                    case GATE_OPTION -> gates.add(Main.value(args, ++i, option));
                    default -> {
                        if (option.startsWith("-")) {
                            throw new Main.UsageException("unknown option [" + option + "]");
                        }
                        files.add(Path.of(option));
                    }
                }
            }
            if (files.isEmpty()) {
                throw new Main.UsageException("missing spec file: give one or more *.autosxs.json or *.experiment-set.json files");
            }
            return new Options(files, output, gates, parameters);
        }
    }

    /**
     * Checks the input, runs the files and prints each failure and a count.
     *
     * @return {@link Main#OK}, {@link Main#FAILED} or {@link Main#USAGE_ERROR}
     * @throws ConfigurationException for bad input found before the run (a file, a gate)
     */
    static int run(Options options, PrintStream out, PrintStream err) {
        options.files().forEach(RunCommand::requireSpecFile);
        List<Gate> gates = new ArrayList<>();
        // Written right here; whether a file has the gate's figure or metric is the engine's rule (SpecFilesEngine).
        options.gates().forEach(gate -> gates.add(Gate.ofText(gate, "option [" + GATE_OPTION + "]")));
        Map<String, String> parameters = new LinkedHashMap<>(options.parameters());
        Path output = options.output() != null ? options.output()
                : Path.of(parameters.getOrDefault(ConfigKeys.REPORT_DIR, ConfigKeys.DEFAULT_REPORT_DIR));
        parameters.put(ConfigKeys.REPORT_DIR, output.toString());
        if (!gates.isEmpty()) {
            List<String> all = new ArrayList<>(options.gates());
            if (parameters.containsKey(ConfigKeys.SPECS_GATES)) {
                all.add(0, parameters.get(ConfigKeys.SPECS_GATES));
            }
            parameters.put(ConfigKeys.SPECS_GATES, String.join(",", all));
        }
        PrintWriter messages = new PrintWriter(err, true);
        List<TestOutcome> tests = SpecFilesLauncher.run(options.files(), parameters, output, messages);
        messages.flush();
        int code = Main.OK;
        long failed = 0;
        for (TestOutcome test : tests) {
            if (test.failure() != null) {
                failed++;
                boolean badInput = isConfigurationError(test.failure());
                code = Math.max(code, badInput ? Main.USAGE_ERROR : Main.FAILED);
                out.println((badInput ? "ERROR " : "FAILED ") + test.name() + ": " + test.failure().getMessage());
            }
        }
        out.println("evalunit run: " + tests.size() + " tests, " + (tests.size() - failed) + " passed, " + failed
                + " failed; JUnit XML report: " + output.resolve(SpecFilesLauncher.XML_REPORT));
        return code;
    }

    private static boolean isConfigurationError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException) {
                return true;
            }
        }
        return false;
    }

    private static void requireSpecFile(Path file) {
        if (!SpecFilesLauncher.isSpecFile(file.getFileName().toString())) {
            throw new ConfigurationException("file [" + file + "] is not a spec file. Give an AutoSxS pipeline definition"
                    + " named *" + AutoSxsFile.SUFFIX + " or an EvalAP experiment set named *" + SpecFilesLauncher.EXPERIMENT_SET_SUFFIX + ".");
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("spec file [" + file + "] does not exist. Check the path (relative to the"
                    + " working directory, " + Path.of("").toAbsolutePath() + ").");
        }
    }
}
