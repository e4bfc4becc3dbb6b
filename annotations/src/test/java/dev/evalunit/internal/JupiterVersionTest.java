package dev.evalunit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The JUnit Jupiter version check")
class JupiterVersionTest {

    @Nested
    @DisplayName("refuses a Jupiter older than 5.10")
    class TooOld {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"5.9.3", "5.8.2", "5.0.0", "4.13"})
        @DisplayName("with a Configuration error naming the version found and the supported range")
        void refuses(String found) {
            JupiterVersion version = JupiterVersion.parse(found).orElseThrow();

            assertThatThrownBy(version::requireSupportedVersion)
                    .isInstanceOf(ExtensionConfigurationException.class)
                    .hasMessage("Configuration error: evalunit needs JUnit Jupiter 5.10 or later (supported: 5.10 to 6.x),"
                            + " but this test runs on junit-jupiter-api " + found + ". Raise the junit-bom version"
                            + " (or Spring Boot's junit-jupiter.version) to 5.10.0 or later;"
                            + " see docs/compatibility.md in evalunit's repository.");
        }
    }

    @Nested
    @DisplayName("accepts")
    class Supported {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"5.10.0", "5.10.5", "5.12.2", "5.14.4", "6.0.0-M1", "6.0.3", "6.1.3", "7.0.0"})
        @DisplayName("5.10 and every later version")
        void accepts(String found) {
            assertThatCode(JupiterVersion.parse(found).orElseThrow()::requireSupportedVersion).doesNotThrowAnyException();
        }

        @Test
        @DisplayName("the Jupiter this build runs on, read from its jar's manifest")
        void running() {
            String manifest = org.junit.jupiter.api.Test.class.getPackage().getImplementationVersion();

            assertThat(JupiterVersion.running()).hasToString(manifest);
            assertThatCode(JupiterVersion::requireSupported).doesNotThrowAnyException();
        }
    }

    @Test
    @DisplayName("compares major and minor numbers, not text")
    void compares() {
        JupiterVersion version = JupiterVersion.parse("5.12.2").orElseThrow();

        assertThat(version.atLeast(5, 10)).isTrue();
        assertThat(version.atLeast(5, 12)).isTrue();
        assertThat(version.atLeast(5, 13)).isFalse();
        assertThat(version.atLeast(6, 0)).isFalse();
        assertThat(JupiterVersion.parse("6.0.0").orElseThrow().atLeast(5, 14)).isTrue();
    }

    @Test
    @DisplayName("reads nothing from text that is not a version")
    void notAVersion() {
        assertThat(JupiterVersion.parse("unknown")).isEmpty();
        assertThat(JupiterVersion.parse(null)).isEmpty();
    }
}
