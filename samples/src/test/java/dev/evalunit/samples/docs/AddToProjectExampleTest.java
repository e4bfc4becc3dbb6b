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
 * README.md's "Add it to your project" blocks stay true: the pom is the consumer project of the
 * compatibility matrix ({@code compat/src/it/consumer}), which Maven builds and runs on every supported
 * JUnit, and the declared model ({@code src/test/resources/docs/add-to-project/}) uses keys evalunit
 * reads, with the values the samples run with.
 */
@DisplayName("Add it to your project")
class AddToProjectExampleTest {

    static final Path ROOT = RepositoryFiles.findRoot(Path.of(""));
    static final Path EXAMPLES = ROOT.resolve("samples/src/test/resources/docs/add-to-project");
    static final Path CONSUMER_POM = ROOT.resolve("compat/src/it/consumer/pom.xml");

    @Nested
    @DisplayName("the pom")
    class Pom {

        @Test
        @DisplayName("is, to the byte, the consumer project that the matrix builds on every supported JUnit")
        void isTheMatrixConsumer() throws IOException {
            String readme = Files.readString(ROOT.resolve("README.md"));
            String section = readme.substring(readme.indexOf("<!-- add-to-project:start -->"),
                    readme.indexOf("<!-- add-to-project:end -->"));
            Matcher block = Pattern.compile("```xml\n(.*?)```", Pattern.DOTALL).matcher(section);

            assertThat(block.find()).as("an xml block in README.md's Add it to your project").isTrue();
            assertThat(block.group(1)).isEqualTo(Files.readString(CONSUMER_POM));
        }

        @Test
        @DisplayName("depends on the extension this build makes, in test scope, at the project's version")
        void coordinates() throws IOException {
            String pom = Files.readString(CONSUMER_POM);
            String parent = Files.readString(ROOT.resolve("pom.xml"));
            String extension = Files.readString(ROOT.resolve("extension/pom.xml"));

            assertThat(element(pom, "evalunit.version")).isEqualTo(element(parent, "version"));
            assertThat(pom).contains("<groupId>" + element(parent, "groupId") + "</groupId>\n      <artifactId>"
                    + element(extension.substring(extension.indexOf("</parent>")), "artifactId")
                    + "</artifactId>\n      <version>${evalunit.version}</version>\n      <scope>test</scope>");
        }

        @Test
        @DisplayName("lets the junit-bom choose JUnit (5.12.2 as shipped), naming no JUnit version elsewhere")
        void junitFromTheBom() throws IOException {
            String pom = Files.readString(CONSUMER_POM);

            assertThat(element(pom, "junit-jupiter.version")).isEqualTo("5.12.2");
            assertThat(pom).contains("<artifactId>junit-bom</artifactId>\n        <version>${junit-jupiter.version}</version>");
            assertThat(pom).containsOnlyOnce("<artifactId>junit-jupiter</artifactId>\n      <scope>test</scope>");
        }

        private String element(String xml, String name) {
            Matcher matcher = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(xml);
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
                    .filter(field -> field.getType() == String.class)
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
