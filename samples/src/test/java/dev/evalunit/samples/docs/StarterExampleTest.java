package dev.evalunit.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evalunit.samples.support.docs.RepositoryFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The starter commands of the README and docs/starter.md are the ones the consumer matrix runs
 * ({@code compat/src/it/starter}, which generates the project from the archetype and runs its {@code mvn test}),
 * and the archetype holds what docs/starter.md lists.
 */
@DisplayName("The documented starter commands")
class StarterExampleTest {

    static final String GENERATE = "mvn archetype:generate -DarchetypeGroupId=dev.evalunit -DarchetypeArtifactId=evalunit-archetype -DarchetypeVersion=0.1.0-SNAPSHOT -DgroupId=com.example -DartifactId=my-evals -Dpackage=com.example.evals -DinteractiveMode=false";
    static final String TEST = "cd my-evals && mvn test";

    private static final Path ROOT = RepositoryFiles.findRoot(Path.of(""));

    private static Properties invoker() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("compat/src/it/starter/invoker.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    @Test
    @DisplayName("archetype:generate: the same properties as the matrix's first invocation, at this build's version")
    void generate() throws IOException {
        String goals = invoker().getProperty("invoker.goals.1");
        assertThat(goals).contains("org.apache.maven.plugins:maven-archetype-plugin:").contains(":generate ");
        List<String> properties = Arrays.stream(GENERATE.split(" ")).filter(word -> word.startsWith("-D")).toList();
        assertThat(properties).hasSize(7).allSatisfy(property -> assertThat(goals)
                .contains(property.replace("=0.1.0-SNAPSHOT", "=${project.version}") + " "));
        assertThat(Files.readString(ROOT.resolve("pom.xml"))).as("the version the commands name")
                .contains("<artifactId>evalunit-parent</artifactId>\n  <version>0.1.0-SNAPSHOT</version>");
    }

    @Test
    @DisplayName("mvn test in the generated project: the matrix's second invocation")
    void test() throws IOException {
        Properties invoker = invoker();
        assertThat(TEST).startsWith("cd my-evals && ");
        assertThat(invoker.getProperty("invoker.project.2")).isEqualTo("target/generated/my-evals");
        assertThat("mvn " + invoker.getProperty("invoker.goals.2")).isEqualTo(TEST.substring("cd my-evals && ".length()));
    }

    @Test
    @DisplayName("the archetype holds the files docs/starter.md lists, the replay cache included")
    void files() throws IOException {
        Path resources = ROOT.resolve("archetype/src/main/resources/archetype-resources");
        for (String file : List.of("pom.xml", "src/test/resources/evals/qa.autosxs.json",
                "src/test/java/QuestionAnsweringEvalTest.java", "src/test/java/StandIn.java",
                "src/test/resources/junit-platform.properties", "src/test/resources/datasets/qa.jsonl")) {
            assertThat(resources.resolve(file)).isRegularFile();
        }
        try (var segments = Files.list(resources.resolve(".evalunit/cache"))) {
            assertThat(segments.map(Path::toString)).singleElement().asString().endsWith(".jsonl");
        }
        assertThat(Files.readString(resources.resolve("src/test/resources/junit-platform.properties")))
                .contains("evalunit.cache.mode=replay");
    }
}
