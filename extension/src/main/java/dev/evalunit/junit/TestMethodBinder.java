package dev.evalunit.junit;

import dev.evalunit.config.ConfigurationException;
import dev.evalunit.pairwise.AnswerGenerator;
import dev.evalunit.pairwise.MethodBinder;
import dev.evalunit.pairwise.PairwisePlanner;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Binds a {@code method} (a pairwise side's, an experiment's model) to a method of the test class: {@code String m(String prompt)} or
 * {@code String m(Map<String, String> params)}, static or on the test instance.
 */
final class TestMethodBinder implements MethodBinder {

    private final ExtensionContext context;

    TestMethodBinder(ExtensionContext context) {
        this.context = context;
    }

    @Override
    public AnswerGenerator bind(String name, String side) {
        Class<?> testClass = context.getRequiredTestClass();
        List<Method> candidates = ReflectionSupport.findMethods(testClass,
                m -> m.getName().equals(name) && usable(m), HierarchyTraversalMode.BOTTOM_UP);
        if (candidates.size() != 1) {
            throw new ConfigurationException(side + " names method [" + name + "], but " + testClass.getSimpleName()
                    + (candidates.isEmpty() ? " has no" : " has more than one") + " method " + name
                    + "(String prompt) or " + name + "(Map<String, String> params) returning String."
                    + " Declare exactly one.");
        }
        Method method = candidates.get(0);
        method.setAccessible(true);
        Object target = Modifier.isStatic(method.getModifiers()) ? null : context.getRequiredTestInstance();
        boolean wantsMap = method.getParameterTypes()[0] == Map.class;
        return params -> {
            try {
                return (String) method.invoke(target, wantsMap ? params : params.get(PairwisePlanner.PROMPT_PARAMETER));
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        };
    }

    private static boolean usable(Method m) {
        if (m.getReturnType() != String.class || m.getParameterCount() != 1) {
            return false;
        }
        Class<?> type = m.getParameterTypes()[0];
        if (type == String.class) {
            return true;
        }
        if (type != Map.class) {
            return false;
        }
        Type generic = m.getGenericParameterTypes()[0];
        return !(generic instanceof ParameterizedType p)
                || Arrays.stream(p.getActualTypeArguments()).allMatch(t -> t == String.class);
    }
}
