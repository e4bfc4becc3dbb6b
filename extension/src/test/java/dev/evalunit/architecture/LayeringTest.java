package dev.evalunit.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The layering of the published modules' main code, read from their sources: which package uses
 * which (imports and qualified names, comments left out).
 */
@DisplayName("The layering of evalunit's packages")
class LayeringTest {

    private static final List<Path> SOURCES = List.of(Path.of("src/main/java"), Path.of("../annotations/src/main/java"),
            Path.of("../reporters/src/main/java"));
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
    private static final Pattern USE = Pattern.compile("\\b(dev\\.evalunit(?:\\.[a-z]\\w*)+)\\.[A-Z]");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    private static final Map<String, String> CODE = sources();

    @Test
    @DisplayName("has no cycle between packages")
    void noCycles() {
        Map<String, Set<String>> uses = new TreeMap<>();
        CODE.forEach((file, code) -> {
            String pkg = packageOf(code);
            Matcher use = USE.matcher(code);
            while (use.find()) {
                if (!use.group(1).equals(pkg)) {
                    uses.computeIfAbsent(pkg, p -> new TreeSet<>()).add(use.group(1));
                }
            }
        });
        assertThat(cycles(uses)).as("package cycles").isEmpty();
    }

    @Test
    @DisplayName("imports JUnit only in the JUnit layer (and the annotations, which name their extension)")
    void junitOnlyInItsLayer() {
        assertThat(filesImporting("org.junit.")).allSatisfy(file ->
                assertThat(file).matches(".*/dev/evalunit/(junit|api|internal)/[^/]+\\.java|.*/api/spi/EvalUnitEngine\\.java"));
    }

    @Test
    @DisplayName("imports AssertJ only in the assertions")
    void assertjOnlyInAssertions() {
        assertThat(filesImporting("org.assertj.")).isNotEmpty().allSatisfy(file ->
                assertThat(file).matches(".*/dev/evalunit/assertj/[^/]+\\.java"));
    }

    private static List<String> filesImporting(String prefix) {
        return CODE.entrySet().stream().filter(e -> e.getValue().contains("import " + prefix)
                        || e.getValue().contains("import static " + prefix))
                .map(Map.Entry::getKey).toList();
    }

    /** Strongly connected components of more than one package (Tarjan). */
    private static List<Set<String>> cycles(Map<String, Set<String>> uses) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> cycles = new ArrayList<>();
        for (String pkg : uses.keySet()) {
            if (!index.containsKey(pkg)) {
                connect(pkg, uses, index, low, stack, cycles);
            }
        }
        return cycles;
    }

    private static void connect(String pkg, Map<String, Set<String>> uses, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, List<Set<String>> cycles) {
        index.put(pkg, index.size());
        low.put(pkg, index.get(pkg));
        stack.push(pkg);
        for (String used : uses.getOrDefault(pkg, Set.of())) {
            if (!index.containsKey(used)) {
                connect(used, uses, index, low, stack, cycles);
                low.put(pkg, Math.min(low.get(pkg), low.get(used)));
            } else if (stack.contains(used)) {
                low.put(pkg, Math.min(low.get(pkg), index.get(used)));
            }
        }
        if (low.get(pkg).equals(index.get(pkg))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                component.add(member);
            } while (!member.equals(pkg));
            if (component.size() > 1) {
                cycles.add(component);
            }
        }
    }

    private static String packageOf(String code) {
        Matcher matcher = PACKAGE.matcher(code);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static Map<String, String> sources() {
        Map<String, String> code = new TreeMap<>();
        for (Path root : SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> code.put(f.toString().replace('\\', '/'),
                        COMMENTS.matcher(read(f)).replaceAll("")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(code).hasSizeGreaterThan(150);
        return code;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
