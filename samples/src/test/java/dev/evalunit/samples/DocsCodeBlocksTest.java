package dev.evalunit.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evalunit.samples.support.docs.CodeBlock;
import dev.evalunit.samples.support.docs.CodeBlockCheck;
import dev.evalunit.samples.support.docs.CodeBlocks;
import dev.evalunit.samples.support.docs.RepositoryFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every code block of README.md, docs/*.md and bench/README.md is compiled or run: quoted from a
 * file under some {@code src/} folder, or a command that CI, a script or a test runs. A page that
 * shows code nobody runs fails here, naming the page, the block's line and the first line not found.
 */
@DisplayName("Documentation code blocks")
class DocsCodeBlocksTest {

    static List<Path> pages(Path root) throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(root.resolve("README.md"));
        pages.add(root.resolve("bench/README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(page -> page.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    static List<CodeBlock> blocks(Path root, Path page) throws IOException {
        String name = root.relativize(page).toString().replace('\\', '/');
        return CodeBlocks.of(name, Files.readString(page, StandardCharsets.UTF_8));
    }

    @Nested
    @DisplayName("of this repository")
    class OfThisRepository {

        final Path root = RepositoryFiles.findRoot(Path.of(""));
        final CodeBlockCheck check = new CodeBlockCheck(RepositoryFiles.of(root));

        @Test
        @DisplayName("exist: README.md, bench/README.md and the docs/ pages show code")
        void pagesHaveBlocks() throws IOException {
            List<Path> pages = pages(root);
            assertThat(pages).contains(root.resolve("docs/README.md"), root.resolve("docs/configuration.md"));
            int count = 0;
            for (Path page : pages) {
                count += blocks(root, page).size();
            }
            assertThat(count).isGreaterThan(20);
        }

        @TestFactory
        @DisplayName("are each compiled or run")
        Stream<DynamicTest> eachBlock() throws IOException {
            List<DynamicTest> tests = new ArrayList<>();
            for (Path page : pages(root)) {
                for (CodeBlock block : blocks(root, page)) {
                    tests.add(DynamicTest.dynamicTest(block.location() + " (" + block.language() + ")",
                            () -> check.problem(block).ifPresent(Assertions::fail)));
                }
            }
            return tests.stream();
        }
    }

    /** The checker against a made-up repository: it must be able to fail, and say why. */
    @Nested
    @DisplayName("checker, on a made-up repository")
    class Checker {

        @TempDir
        Path root;
        CodeBlockCheck check;

        @BeforeEach
        void repository() throws IOException {
            write("app/src/main/java/Greeter.java", """
                    class Greeter {
                        // Says hello.
                        String greet(String name) {
                            return "Hello, " + name;
                        }
                    }
                    """);
            write("app/target/generated/Stale.java", "class Stale {}\n");
            write(".ci/run", "#!/usr/bin/env bash\nmvn -B -ntp verify\n");
            write("tools/build.sh", "#!/usr/bin/env bash\necho built\n");
            check = new CodeBlockCheck(RepositoryFiles.of(root));
        }

        Optional<String> problem(String markdown) {
            List<CodeBlock> blocks = CodeBlocks.of("docs/page.md", markdown);
            assertThat(blocks).hasSize(1);
            return check.problem(blocks.get(0));
        }

        void write(String path, String text) throws IOException {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        }

        @Test
        @DisplayName("accepts a java block quoted with other indentation and a '...' line for what it skips")
        void acceptsQuote() {
            assertThat(problem("""
                    Intro.

                    ```java
                    class Greeter {
                    ...
                      String greet(String name) {

                          return "Hello, " + name;
                      }
                    ```
                    """)).isEmpty();
        }

        @Test
        @DisplayName("refuses a made-up java block, naming the page, the block's line and the first line not found")
        void refusesMadeUpBlock() {
            assertThat(problem("""
                    # Title

                    Text.
                    ```java
                    String greet(String name) {
                        return "Bonjour, " + name;
                    }
                    ```
                    """)).hasValue("docs/page.md:4: java block is in no file under src/; first line not found: "
                    + "[return \"Bonjour, \" + name;] (closest: app/src/main/java/Greeter.java, 1 lines matched)");
        }

        @Test
        @DisplayName("refuses lines that are in a source but not one after the other")
        void refusesGaps() {
            assertThat(problem("""
                    ```java
                    class Greeter {
                    String greet(String name) {
                    ```
                    """)).hasValueSatisfying(message -> assertThat(message)
                    .contains("first line not found: [String greet(String name) {]"));
        }

        @Test
        @DisplayName("refuses lines found only out of order")
        void refusesOutOfOrder() {
            assertThat(problem("""
                    ```java
                    return "Hello, " + name;
                    ...
                    class Greeter {
                    ```
                    """)).hasValueSatisfying(message -> assertThat(message)
                    .contains("first line not found: [class Greeter {]"));
        }

        @Test
        @DisplayName("does not count build output as source")
        void ignoresTarget() {
            assertThat(problem("```java\nclass Stale {}\n```\n")).isPresent();
        }

        @Test
        @DisplayName("accepts commands of a script or of .ci/run, refuses any other")
        void commands() {
            assertThat(problem("```sh\n# the CI job\nmvn -B -ntp verify   # all tests\n```\n")).isEmpty();
            assertThat(problem("```sh\n$ tools/build.sh --fast\n```\n")).isEmpty();
            assertThat(problem("```sh\nmvn -B -ntp verify\nrm -rf /tmp/x\n```\n"))
                    .hasValue("docs/page.md:1: command [rm -rf /tmp/x] is run by no script, .ci/run or test of the repository");
        }

        @Test
        @DisplayName("exempts text blocks and refuses a block without a language")
        void languages() {
            assertThat(problem("```text\nanything at all\n```\n")).isEmpty();
            assertThat(problem("```\nclass Greeter {\n```\n")).hasValueSatisfying(message -> assertThat(message)
                    .startsWith("docs/page.md:1: code block has language []"));
        }

        @Test
        @DisplayName("refuses a page whose block is never closed")
        void unclosed() {
            assertThatThrownBy(() -> CodeBlocks.of("docs/page.md", "text\n```java\nclass Greeter {\n"))
                    .hasMessage("docs/page.md:2: code block is never closed");
        }
    }
}
