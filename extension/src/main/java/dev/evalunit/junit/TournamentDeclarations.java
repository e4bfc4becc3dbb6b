package dev.evalunit.junit;

import dev.evalunit.api.Model;
import dev.evalunit.api.PairwiseTournament;
import dev.evalunit.api.TournamentDefinition;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.experiment.spec.ExperimentSetFile;
import dev.evalunit.pairwise.AnnotationSpecs;
import dev.evalunit.pairwise.TournamentParser;
import dev.evalunit.pairwise.TournamentSpec;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.List;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Reads the tournament a {@link PairwiseTournament} method declares: a JSON file, a static builder method,
 * or the annotation's attributes (exactly one of the three).
 */
final class TournamentDeclarations {

    private TournamentDeclarations() {
    }

    static TournamentSpec of(Method method, List<Model> inline) {
        PairwiseTournament declared = AnnotationSupport.findAnnotation(method, PairwiseTournament.class).orElseThrow();
        Class<?> testClass = method.getDeclaringClass();
        String defaultName = testClass.getSimpleName() + "." + method.getName();
        String where = "@PairwiseTournament on " + defaultName;
        boolean file = !declared.value().isBlank();
        boolean builder = !declared.builder().isBlank();
        boolean attributes = !declared.dataset().isBlank() || declared.models().length > 0;
        int ways = (file ? 1 : 0) + (builder ? 1 : 0) + (attributes ? 1 : 0);
        if (ways != 1) {
            throw new ConfigurationException(where + (ways == 0 ? " declares no tournament" : " declares its tournament in"
                    + " more than one way") + ". Give exactly one of: a JSON file (value), a builder method, or dataset,"
                    + " models and the other attributes.");
        }
        if (file) {
            String source = "tournament file [" + declared.value() + "]";
            return TournamentParser.parse(ExperimentSetFile.read(declared.value(),
                    Thread.currentThread().getContextClassLoader(), Path.of("").toAbsolutePath(), "tournament file",
                    "Write the tournament as {\"name\": ..., \"candidates\": {...}, ...}"), source, defaultName, inline);
        }
        if (builder) {
            return TournamentParser.parse(build(testClass, declared.builder(), where).asJson(),
                    where + " builder [" + declared.builder() + "]", defaultName, inline);
        }
        return AnnotationSpecs.from(declared, defaultName, inline);
    }

    private static TournamentDefinition build(Class<?> testClass, String methodName, String where) {
        Method builder = ReflectionSupport.findMethod(testClass, methodName)
                .filter(m -> Modifier.isStatic(m.getModifiers()) && TournamentDefinition.class.isAssignableFrom(m.getReturnType()))
                .orElseThrow(() -> new ConfigurationException(where + " names builder [" + methodName + "], but "
                        + testClass.getSimpleName() + " has no static method " + methodName
                        + "() returning TournamentDefinition. Declare one."));
        return (TournamentDefinition) ReflectionSupport.invokeMethod(builder, null);
    }
}
