package dev.evalunit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The check of an optional module's {@code consumer-dependency.xml}: the {@code <dependency>} its documentation page
 * quotes for users to add. It must name this module (the {@code pom.xml} of the working directory, as Surefire runs a
 * module's tests in its folder), test scoped, at the project's version or {@code ${evalunit.version}}.
 */
public final class ConsumerDependency {

    private static final Pattern OWN_ARTIFACT = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>");
    private static final Pattern PARENT_VERSION = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL);

    private ConsumerDependency() {
    }

    /** Fails, saying what differs, unless the test resource {@code /consumer-dependency.xml} names this module. */
    public static void check() {
        String snippet;
        String pom;
        try (InputStream in = ConsumerDependency.class.getResourceAsStream("/consumer-dependency.xml")) {
            assertThat(in).as("the test resource /consumer-dependency.xml").isNotNull();
            snippet = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher artifact = OWN_ARTIFACT.matcher(pom);
        Matcher version = PARENT_VERSION.matcher(pom);
        assertThat(artifact.find()).as("pom.xml names its own artifactId after <parent>").isTrue();
        assertThat(version.find()).as("pom.xml's <parent> has a version").isTrue();
        assertThat(snippet).as("consumer-dependency.xml")
                .contains("<groupId>dev.evalunit</groupId>", "<artifactId>" + artifact.group(1) + "</artifactId>",
                        "<scope>test</scope>")
                .containsAnyOf("<version>" + version.group(1) + "</version>", "<version>${evalunit.version}</version>");
    }
}
