package dev.evalunit.samples.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.api.PairwiseEval;
import dev.evalunit.assertj.EvalAssertions;
import dev.evalunit.report.SummaryReporter;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.apiguardian.api.API.Status;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What users may rely on is visible, the way JUnit marks it: every public type of the published
 * modules carries apiguardian's {@link API} with its status, and what is marked for users does not
 * hand them an internal type.
 */
@DisplayName("The public API")
class ApiStatusTest {

    /** Every public top-level type of evalunit-annotations, evalunit-extension and evalunit-reporters. */
    static final Map<String, Class<?>> PUBLIC_TYPES = publicTypes(PairwiseEval.class, EvalAssertions.class, SummaryReporter.class);

    @Test
    @DisplayName("marks every public type with @API and a status")
    void everyPublicTypeIsMarked() {
        assertThat(PUBLIC_TYPES).hasSizeGreaterThan(100);
        assertThat(PUBLIC_TYPES.values().stream().filter(type -> !type.isAnnotationPresent(API.class)).map(Class::getName))
                .as("public types without @API(status = ...)").isEmpty();
    }

    @Nested
    @DisplayName("keeps its statuses where users look for them")
    class Statuses {

        @Test
        @DisplayName("annotations, results and assertions are STABLE; plug-in interfaces EXPERIMENTAL")
        void userFacing() {
            for (Class<?> type : PUBLIC_TYPES.values()) {
                String pkg = type.getPackageName();
                Status status = type.getAnnotation(API.class).status();
                if (List.of("dev.evalunit.api", "dev.evalunit.api.pairwise", "dev.evalunit.api.experiment", "dev.evalunit.api.run",
                        "dev.evalunit.assertj").contains(pkg) && !type.getSimpleName().equals("EvalUnitFacade")) {
                    assertThat(status).as(type.getName()).isEqualTo(Status.STABLE);
                }
                if (pkg.equals("dev.evalunit.api.spi") && !type.getSimpleName().equals("EvalUnitEngine")) {
                    assertThat(status).as(type.getName()).isEqualTo(Status.EXPERIMENTAL);
                }
            }
        }

        @Test
        @DisplayName("the engine's wiring (facade, engine, planners, runners, runtime) is INTERNAL")
        void engineIsInternal() {
            assertThat(PUBLIC_TYPES.values().stream()
                    .filter(type -> type.getSimpleName().matches("EvalUnitFacade|EvalUnitEngine|.*Planner|.*Runner|EvalRuntime"))
                    .map(type -> type.getSimpleName() + "=" + type.getAnnotation(API.class).status()))
                    .isNotEmpty()
                    .allSatisfy(entry -> assertThat(entry).endsWith("=INTERNAL"));
        }
    }

    @Test
    @DisplayName("hands users no INTERNAL type through a public method of a type meant for them")
    void noInternalTypeLeaks() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : PUBLIC_TYPES.values()) {
            if (type.getAnnotation(API.class).status() == Status.INTERNAL) {
                continue;
            }
            for (Method method : type.getMethods()) {
                if (!method.getDeclaringClass().getName().startsWith("dev.evalunit")) {
                    continue;
                }
                List<Class<?>> signature = new ArrayList<>(List.of(method.getParameterTypes()));
                signature.add(method.getReturnType());
                for (Class<?> used : signature) {
                    Class<?> component = used.isArray() ? used.getComponentType() : used;
                    API api = component.getAnnotation(API.class);
                    if (component.getName().startsWith("dev.evalunit") && api != null && api.status() == Status.INTERNAL) {
                        leaks.add(type.getSimpleName() + "." + method.getName() + " uses " + component.getName());
                    }
                }
            }
        }
        assertThat(leaks).isEmpty();
    }

    private static Map<String, Class<?>> publicTypes(Class<?>... oneTypePerModule) {
        Map<String, Class<?>> types = new TreeMap<>();
        for (Class<?> anchor : oneTypePerModule) {
            Path root = classesRoot(anchor);
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(file -> root.relativize(file).toString().startsWith("dev") && file.toString().endsWith(".class") && !file.getFileName().toString().contains("$")
                                && !file.getFileName().toString().equals("package-info.class")
                                && !file.getFileName().toString().equals("module-info.class"))
                        .map(file -> root.relativize(file).toString().replace(root.getFileSystem().getSeparator(), ".")
                                .replaceAll("\\.class$", ""))
                        .map(ApiStatusTest::load)
                        .filter(type -> Modifier.isPublic(type.getModifiers()))
                        .forEach(type -> types.put(type.getName(), type));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return types;
    }

    /** The folder (or jar) the type's module was loaded from. */
    private static Path classesRoot(Class<?> anchor) {
        try {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                return location;
            }
            return java.nio.file.FileSystems.newFileSystem(location).getPath("/");
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ApiStatusTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
