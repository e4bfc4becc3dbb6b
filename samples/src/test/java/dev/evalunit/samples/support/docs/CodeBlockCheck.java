package dev.evalunit.samples.support.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a documentation code block is compiled or run by something in the repository:
 * <ul>
 *   <li>{@code java}, {@code properties}, {@code json}, {@code xml}, {@code yaml}: the block's lines (compared
 *       without indentation, blank lines ignored) appear one after the other, in order, in one file
 *       under a {@code src/} folder; a line {@code ...} in the block skips any number of lines;</li>
 *   <li>{@code sh}, {@code shell}, {@code console}: each command (comments and a leading {@code $ }
 *       ignored) either starts with a script of the repository ({@code bench/run.sh}, {@code .ci/run})
 *       or is written, as is, in {@code .ci/run}, a shell script or a test;</li>
 *   <li>{@code text}: output shown as an example; not checked.</li>
 * </ul>
 * Any other language, or none, is a problem: say what the block is.
 */
public final class CodeBlockCheck {

    /** The line that stands for any number of lines of the quoted file. */
    public static final String ELISION = "...";

    private static final Set<String> QUOTED = Set.of("java", "properties", "json", "xml", "yaml");
    private static final Set<String> COMMANDS = Set.of("sh", "shell", "console");
    private static final Set<String> EXEMPT = Set.of("text");

    private final RepositoryFiles files;

    public CodeBlockCheck(RepositoryFiles files) {
        this.files = files;
    }

    /** The problem with {@code block}, or empty when it is compiled or run. */
    public Optional<String> problem(CodeBlock block) {
        String language = block.language();
        if (QUOTED.contains(language)) {
            return quotedProblem(block);
        }
        if (COMMANDS.contains(language)) {
            return commandProblem(block);
        }
        if (EXEMPT.contains(language)) {
            return Optional.empty();
        }
        return Optional.of(block.location() + ": code block has language [" + language + "], one of "
                + "java, properties, json, xml, yaml (quoted from a source), sh, shell, console (commands run by "
                + "the repository) or text (output) is needed");
    }

    private Optional<String> quotedProblem(CodeBlock block) {
        List<List<String>> segments = segments(block.lines());
        List<String> wanted = segments.stream().flatMap(List::stream).toList();
        if (wanted.isEmpty()) {
            return Optional.of(block.location() + ": " + block.language() + " block is empty");
        }
        int best = -1;
        String closest = null;
        for (Map.Entry<String, List<String>> file : files.sources().entrySet()) {
            int matched = matched(normalised(file.getValue()), segments);
            if (matched == wanted.size()) {
                return Optional.empty();
            }
            if (matched > best) {
                best = matched;
                closest = file.getKey();
            }
        }
        return Optional.of(block.location() + ": " + block.language() + " block is in no file under src/; "
                + "first line not found: [" + wanted.get(Math.max(best, 0)) + "]"
                + (best > 0 ? " (closest: " + closest + ", " + best + " lines matched)" : ""));
    }

    private Optional<String> commandProblem(CodeBlock block) {
        for (String raw : block.lines()) {
            String command = command(raw);
            if (command.isEmpty() || runs(command)) {
                continue;
            }
            return Optional.of(block.location() + ": command [" + command + "] is run by no script, "
                    + ".ci/run or test of the repository");
        }
        return Optional.empty();
    }

    private boolean runs(String command) {
        if (files.isScript(command.split(" ", 2)[0])) {
            return true;
        }
        for (List<String> lines : files.runners().values()) {
            for (String line : lines) {
                if (collapsed(line).contains(command)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The command of a shell line: no prompt, no comment, single spaces; empty for a comment line. */
    static String command(String line) {
        String command = line.strip();
        if (command.startsWith("$ ")) {
            command = command.substring(2);
        }
        int comment = command.startsWith("#") ? 0 : command.indexOf(" #");
        if (comment >= 0) {
            command = command.substring(0, comment);
        }
        return collapsed(command);
    }

    private static String collapsed(String line) {
        return line.strip().replaceAll("\\s+", " ");
    }

    private static List<List<String>> segments(List<String> lines) {
        List<List<String>> segments = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : normalised(lines)) {
            if (line.equals(ELISION)) {
                segments.add(current);
                current = new ArrayList<>();
            } else {
                current.add(line);
            }
        }
        segments.add(current);
        return segments;
    }

    private static List<String> normalised(List<String> lines) {
        return lines.stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    /**
     * How many of the wanted lines the file holds: segments in order, each one's lines one after the
     * other; for the first segment not found, the longest run of its first lines found.
     */
    private static int matched(List<String> file, List<List<String>> segments) {
        int position = 0;
        int count = 0;
        for (List<String> segment : segments) {
            int at = indexOf(file, segment, position, segment.size());
            if (at >= 0) {
                position = at + segment.size();
                count += segment.size();
                continue;
            }
            int longest = 0;
            for (int length = 1; length < segment.size() && indexOf(file, segment, position, length) >= 0; length++) {
                longest = length;
            }
            return count + longest;
        }
        return count;
    }

    private static int indexOf(List<String> file, List<String> segment, int from, int length) {
        outer:
        for (int start = from; start + length <= file.size(); start++) {
            for (int i = 0; i < length; i++) {
                if (!file.get(start + i).equals(segment.get(i))) {
                    continue outer;
                }
            }
            return start;
        }
        return -1;
    }
}
