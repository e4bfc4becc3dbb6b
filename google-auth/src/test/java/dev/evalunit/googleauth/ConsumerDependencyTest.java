package dev.evalunit.googleauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The dependency docs/providers.md tells users to add")
class ConsumerDependencyTest {

    @Test
    @DisplayName("names this module's group and artifact, test scoped")
    void namesThisModule() throws IOException {
        String snippet;
        try (InputStream in = ConsumerDependencyTest.class.getResourceAsStream("/consumer-dependency.xml")) {
            snippet = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        assertThat(pom).contains("<artifactId>evalunit-google-auth</artifactId>");
        assertThat(snippet).contains("<groupId>dev.evalunit</groupId>", "<artifactId>evalunit-google-auth</artifactId>",
                "<scope>test</scope>");
    }
}
