package dev.evalunit.junit;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Attaches a written file to the running test, so that IDEs and build tools link it, on every
 * supported Jupiter version.
 *
 * <p>{@code ExtensionContext.publishFile} arrived in Jupiter 5.12 with
 * {@code org.junit.jupiter.api.extension.MediaType}; 5.14 and 6 take {@code org.junit.jupiter.api.MediaType}
 * instead. evalunit compiles against 5.10, so both are looked up once, the newer first. On 5.10 and
 * 5.11 there is nothing to attach to: {@link #supported()} is false and the path is published as a
 * report entry only (which every version has).
 */
final class FileAttachments {

    private static final Optional<Publisher> PUBLISHER = Publisher.find("org.junit.jupiter.api.MediaType")
            .or(() -> Publisher.find("org.junit.jupiter.api.extension.MediaType"));

    private FileAttachments() {
    }

    /** Whether this Jupiter can attach files to a test (5.12 and later). */
    static boolean supported() {
        return PUBLISHER.isPresent();
    }

    /**
     * Attaches {@code file} to the test of {@code context} under its own name, with the media type
     * its extension suggests; does nothing where {@link #supported()} is false.
     */
    static void publish(ExtensionContext context, Path file) throws Throwable {
        if (PUBLISHER.isEmpty()) {
            return;
        }
        String name = file.getFileName().toString();
        ThrowingConsumer<Path> copy = target -> Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        PUBLISHER.get().publish(context, name, mediaType(name), copy);
    }

    /**
     * Attaches each of {@code files} that exists to the test of {@code context}. Attaching is a
     * convenience on top of the files already written: when it fails (a launcher that cannot take
     * files, such as EngineTestKit without an output directory), it says so on standard error and the
     * test goes on.
     *
     * @param owner what wrote the files, for the message (e.g. {@code experiment set [name]})
     * @param directory where the files stay, for the message
     */
    static void publishAll(ExtensionContext context, List<Path> files, String owner, Path directory) {
        try {
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    publish(context, file);
                }
            }
        } catch (Throwable e) {
            System.err.println("[evalunit] the reports of " + owner + " stay in " + directory
                    + "; they could not be attached to the test: " + e.getMessage());
        }
    }

    static String mediaType(String fileName) {
        if (fileName.endsWith(".json")) {
            return "application/json";
        }
        if (fileName.endsWith(".md")) {
            return "text/markdown; charset=UTF-8";
        }
        if (fileName.endsWith(".html")) {
            return "text/html; charset=UTF-8";
        }
        // JSON Lines has no registered type; it is text.
        return "text/plain; charset=UTF-8";
    }

    /** {@code publishFile(String, MediaType, ThrowingConsumer)} for one of the two MediaType classes. */
    private record Publisher(MethodHandle parse, MethodHandle publishFile) {

        static Optional<Publisher> find(String mediaTypeClass) {
            try {
                Class<?> type = Class.forName(mediaTypeClass, false, ExtensionContext.class.getClassLoader());
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                MethodHandle parse = lookup.findStatic(type, "parse", MethodType.methodType(type, String.class));
                MethodHandle publish = lookup.findVirtual(ExtensionContext.class, "publishFile",
                        MethodType.methodType(void.class, String.class, type, ThrowingConsumer.class));
                return Optional.of(new Publisher(parse, publish));
            } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException | LinkageError e) {
                return Optional.empty();
            }
        }

        void publish(ExtensionContext context, String name, String mediaType, ThrowingConsumer<Path> action) throws Throwable {
            publishFile.invoke(context, name, parse.invoke(mediaType), action);
        }
    }
}
