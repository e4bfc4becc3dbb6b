package dev.evalunit.testing;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Named argument sets for parameterized tests, on every supported Jupiter version: Jupiter 5.11 added
 * {@code Arguments.argumentSet}, and the build compiles against 5.10. The name labels the first
 * argument, so it leads the invocation's display name.
 */
public final class Cases {

    private Cases() {
    }

    public static Arguments argumentSet(String name, Object first, Object... rest) {
        Object[] arguments = new Object[rest.length + 1];
        arguments[0] = Named.of(name, first);
        System.arraycopy(rest, 0, arguments, 1, rest.length);
        return Arguments.of(arguments);
    }
}
