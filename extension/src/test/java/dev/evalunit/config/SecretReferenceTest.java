package dev.evalunit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("A secret reference")
class SecretReferenceTest {

    private static final String KEY = "sk-" + "reference-test-0123456789";

    @TempDir
    Path dir;

    private SecretReference secrets() {
        return new SecretReference(Map.of("JUDGE_KEY", KEY, "BLANK", " ")::get, dir::resolve);
    }

    @Nested
    @DisplayName("${file:PATH}")
    class FileReference {

        @Test
        @DisplayName("reads the file and trims one trailing newline, LF or CRLF, and nothing else")
        void trimsOneNewline() throws IOException {
            Files.writeString(dir.resolve("lf"), KEY + "\n");
            Files.writeString(dir.resolve("crlf"), KEY + "\r\n");
            Files.writeString(dir.resolve("none"), KEY);

            assertThat(secrets().resolve("${file:lf}", "model [judge]")).isEqualTo(KEY);
            assertThat(secrets().resolve("${file:crlf}", "model [judge]")).isEqualTo(KEY);
            assertThat(secrets().resolve(" ${file:none} ", "model [judge]")).isEqualTo(KEY);
        }

        @Test
        @DisplayName("that is missing names the path, never a content")
        void missing() {
            assertThatThrownBy(() -> secrets().resolve("${file:absent}", "model [judge]"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("Configuration error: the API key of model [judge] refers to [${file:absent}], but ["
                            + dir.resolve("absent") + "] does not exist. Write the key into that file, or fix the path.");
        }
    }

    @Nested
    @DisplayName("${env:NAME}")
    class EnvironmentReference {

        @Test
        @DisplayName("reads the variable")
        void reads() {
            assertThat(secrets().resolve("${env:JUDGE_KEY}", "model [judge]")).isEqualTo(KEY);
        }

        @Test
        @DisplayName("that is blank is refused as empty")
        void blank() {
            assertThatThrownBy(() -> secrets().resolve("${env:BLANK}", "model [judge]"))
                    .hasMessage("Configuration error: the API key of model [judge] refers to [${env:BLANK}], which is"
                            + " empty. Set the environment variable BLANK.");
        }
    }

    @Test
    @DisplayName("is not ${sys:NAME}: a system property is copied into Surefire's reports")
    void noSystemProperties() {
        assertThat(SecretReference.isReference("${sys:JUDGE_KEY}")).isFalse();
        assertThatThrownBy(() -> secrets().resolve("${sys:JUDGE_KEY}", "model [judge]"))
                .hasMessage("Configuration error: the API key of model [judge] is not a reference. Write ${env:NAME} or"
                        + " ${file:PATH} instead of the key itself.");
    }

    @Nested
    @DisplayName("in the system properties")
    class InSystemProperties {

        @Test
        @DisplayName("a key under any secret-named evalunit.* key is removed, references and ordinary keys stay")
        void scrubbed() {
            Properties properties = new Properties();
            properties.setProperty("evalunit.models.a.api-key", KEY);
            properties.setProperty("evalunit.models.a.params.client-secret", KEY);
            properties.setProperty("evalunit.models.b.api-key", "${file:/run/secrets/b}");
            properties.setProperty("evalunit.models.a.max-tokens", "128");
            properties.setProperty("other.api-key", "not evalunit's");

            assertThat(SecretProperties.scrub(properties))
                    .containsExactlyInAnyOrder("evalunit.models.a.api-key", "evalunit.models.a.params.client-secret");
            assertThat(properties).containsOnlyKeys("evalunit.models.b.api-key", "evalunit.models.a.max-tokens",
                    "other.api-key");
        }
    }
}
