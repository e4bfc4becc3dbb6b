package dev.evalunit.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.config.ConfigKeys;
import dev.evalunit.samples.support.docs.RepositoryFiles;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * README.md's "Add it to your project" blocks (kept in {@code src/test/resources/docs/add-to-project/})
 * stay true: the dependency is the extension this build makes, and the declared model uses keys
 * evalunit reads, with the values the samples run with.
 */
@DisplayName("Add it to your project")
class AddToProjectExampleTest {

    static final Path ROOT = RepositoryFiles.findRoot(Path.of(""));
    static final Path EXAMPLES = ROOT.resolve("samples/src/test/resources/docs/add-to-project");

    @Nested
    @DisplayName("the dependency")
    class Dependency {

        @Test
        @DisplayName("names the extension artifact, the project's group and version, test scope")
        void coordinates() throws IOException {
            String dependency = Files.readString(EXAMPLES.resolve("dependency.xml"));
            String parent = Files.readString(ROOT.resolve("pom.xml"));
            String extension = Files.readString(ROOT.resolve("extension/pom.xml"));

            assertThat(element(dependency, "groupId")).isEqualTo(element(parent, "groupId"));
            assertThat(element(dependency, "version")).isEqualTo(element(parent, "version"));
            assertThat(element(dependency, "artifactId"))
                    .isEqualTo(element(extension.substring(extension.indexOf("</parent>")), "artifactId"));
            assertThat(element(dependency, "scope")).isEqualTo("test");
        }

        private String element(String xml, String name) {
            Matcher matcher = Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(xml);
            assertThat(matcher.find()).as("<%s> in %s", name, xml).isTrue();
            return matcher.group(1);
        }
    }

    @Nested
    @DisplayName("the model declaration")
    class Declaration {

        @Test
        @DisplayName("uses only keys evalunit reads and declares the model with its base URL")
        void keys() throws IOException, IllegalAccessException {
            Set<String> modelKeys = Arrays.stream(ConfigKeys.ModelKeys.class.getFields())
                    .map(AddToProjectExampleTest::value).collect(Collectors.toSet());
            Properties declaration = load(EXAMPLES.resolve("junit-platform.properties"));

            assertThat(declaration.stringPropertyNames()).allSatisfy(key -> {
                assertThat(key).startsWith(ConfigKeys.MODELS_PREFIX + "judge.");
                assertThat(modelKeys).contains(key.substring((ConfigKeys.MODELS_PREFIX + "judge.").length()));
            });
            assertThat(declaration.getProperty("evalunit.models.judge.base-url")).startsWith("https://");
            assertThat(declaration.getProperty("evalunit.models.judge.api-key")).isEqualTo("${env:OPENAI_API_KEY}");
        }

        @Test
        @DisplayName("is the judge the samples run with")
        void sameAsSamples() throws IOException {
            Properties declaration = load(EXAMPLES.resolve("junit-platform.properties"));
            Properties samples = load(ROOT.resolve("samples/src/test/resources/junit-platform.properties"));

            for (String key : declaration.stringPropertyNames()) {
                assertThat(samples.getProperty(key)).as(key).isEqualTo(declaration.getProperty(key));
            }
        }
    }

    static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }

    static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
