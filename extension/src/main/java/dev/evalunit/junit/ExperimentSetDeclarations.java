package dev.evalunit.junit;

import dev.evalunit.api.ExperimentSet;
import dev.evalunit.api.experiment.ExperimentSetDefinition;
import dev.evalunit.config.ConfigurationException;
import dev.evalunit.experiment.spec.ExperimentSetParser;
import dev.evalunit.experiment.spec.ExperimentSetSpec;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Reads the experiment set an {@link ExperimentSet} method declares: a JSON file, a static builder
 * method, or the annotation's attributes (exactly one of the three).
 */
final class ExperimentSetDeclarations {

    private ExperimentSetDeclarations() {
    }

    static ExperimentSetSpec of(Method method, ExtensionContext context) {
        try {
            return read(method);
        } catch (RuntimeException e) {
            // The container and every @ExperimentSetResults test of the class read it: one report is enough.
            String subject = "the experiment set of " + method.getDeclaringClass().getSimpleName() + "." + method.getName();
            throw SetFailures.report(method.getDeclaringClass().getName() + "#" + method.getName(), subject, e, context);
        }
    }

    private static ExperimentSetSpec read(Method method) {
        ExperimentSet set = AnnotationSupport.findAnnotation(method, ExperimentSet.class).orElseThrow();
        String where = "@ExperimentSet on " + method.getDeclaringClass().getSimpleName() + "." + method.getName();
        boolean file = !set.value().isBlank();
        boolean builder = !set.builder().isBlank();
        boolean attributes = !set.dataset().isBlank() || set.metrics().length > 0 || set.models().length > 0
                || set.methods().length > 0;
        int ways = (file ? 1 : 0) + (builder ? 1 : 0) + (attributes ? 1 : 0);
        if (ways != 1) {
            throw new ConfigurationException(where + (ways == 0 ? " declares no experiment set" : " declares its set in more than one way")
                    + ". Give exactly one of: a JSON file (value), a builder method, or dataset, metrics and models.");
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (file) {
            return ExperimentSetParser.load(set.value(), loader, Path.of("").toAbsolutePath());
        }
        String defaultName = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        if (builder) {
            return ExperimentSetParser.parse(build(method.getDeclaringClass(), set.builder(), where).asJson(),
                    where + " builder [" + set.builder() + "]");
        }
        return ExperimentSetParser.parse(ExperimentSetParser.fromAnnotation(set, defaultName), where);
    }

    /** The set called {@code name} among the {@link ExperimentSet} methods of the test class. */
    static ExperimentSetSpec named(String name, ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        List<String> names = new ArrayList<>();
        for (Method method : ReflectionSupport.findMethods(testClass,
                m -> AnnotationSupport.isAnnotated(m, ExperimentSet.class), HierarchyTraversalMode.TOP_DOWN)) {
            ExperimentSetSpec spec = of(method, context);
            if (spec.name().equals(name)) {
                return spec;
            }
            names.add(spec.name());
        }
        throw new ConfigurationException("@ExperimentSetResults(\"" + name + "\") names no experiment set of "
                + testClass.getSimpleName() + ". Sets declared there: "
                + (names.isEmpty() ? "none" : String.join(", ", names)) + ".");
    }

    private static ExperimentSetDefinition build(Class<?> testClass, String methodName, String where) {
        Method builder = ReflectionSupport.findMethod(testClass, methodName)
                .filter(m -> Modifier.isStatic(m.getModifiers()) && ExperimentSetDefinition.class.isAssignableFrom(m.getReturnType()))
                .orElseThrow(() -> new ConfigurationException(where + " names builder [" + methodName + "], but "
                        + testClass.getSimpleName() + " has no static method " + methodName
                        + "() returning ExperimentSetDefinition. Declare one."));
        return (ExperimentSetDefinition) ReflectionSupport.invokeMethod(builder, null);
    }
}
