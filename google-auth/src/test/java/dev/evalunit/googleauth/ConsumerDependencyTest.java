package dev.evalunit.googleauth;

import dev.evalunit.testing.ConsumerDependency;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The dependency docs/providers.md tells users to add")
class ConsumerDependencyTest {

    @Test
    @DisplayName("names this module's group and artifact, test scoped, at the project's version or ${evalunit.version}")
    void namesThisModule() {
        ConsumerDependency.check();
    }
}
