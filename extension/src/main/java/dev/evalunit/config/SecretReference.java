package dev.evalunit.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Resolves a secret reference: {@code ${env:NAME}} (environment variable) or {@code ${file:PATH}} (a
 * file such as a mounted secret, read whole, one trailing newline trimmed). A key is never written as
 * itself, nor through a system property: system properties end up in Surefire's XML reports. The
 * resolved value is only ever handed to the HTTP layer; messages name the reference, never the value.
 */
@API(status = INTERNAL, since = "0.1")
public final class SecretReference {

    /** The reference forms, as every message about a key shows them. */
    public static final String FORMS = "${env:NAME} or ${file:PATH}";

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):(.+)}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");

    private final Function<String, String> environment;
    private final Function<String, Path> files;

    /**
     * @param environment the environment variables
     * @param files where a {@code ${file:PATH}} reference's path leads (relative paths are taken from
     *     the working directory by {@link #fromProcess()})
     */
    public SecretReference(Function<String, String> environment, Function<String, Path> files) {
        this.environment = environment;
        this.files = files;
    }

    public static SecretReference fromProcess() {
        return new SecretReference(System::getenv, path -> Path.of(path).toAbsolutePath());
    }

    /** Whether {@code value} is a reference, {@code ${env:NAME}} or {@code ${file:PATH}}. */
    public static boolean isReference(String value) {
        if (value == null) {
            return false;
        }
        Matcher m = REFERENCE.matcher(value.trim());
        return m.matches() && (m.group(1).equals("file") ? !m.group(2).isBlank() : ENV_NAME.matcher(m.group(2)).matches());
    }

    /**
     * Checks that {@code reference} is a reference without resolving it: where no key is needed (a cache
     * in {@code replay}), a key written as itself is still refused.
     *
     * @param owner what the key belongs to, for the message, e.g. {@code model [judge]}
     * @throws ConfigurationException when the text is not a reference
     */
    public static void requireReference(String reference, String owner) {
        if (!isReference(reference)) {
            throw new ConfigurationException("the API key of " + owner + " is not a reference. Write " + FORMS
                    + " instead of the key itself.");
        }
    }

    /**
     * The secret a reference points to.
     *
     * @param reference {@code ${env:NAME}} or {@code ${file:PATH}}
     * @param owner what needs the secret, for the message, e.g. {@code model [judge]}
     * @throws ConfigurationException when the text is not a reference or what it names is unset,
     *     empty or unreadable
     */
    public String resolve(String reference, String owner) {
        requireReference(reference, owner);
        Matcher m = REFERENCE.matcher(reference.trim());
        m.matches();
        String value = m.group(1).equals("env") ? fromEnvironment(m.group(2), m.group(0), owner) : fromFile(m.group(2), m.group(0), owner);
        if (value.isBlank()) {
            throw new ConfigurationException("the API key of " + owner + " refers to [" + m.group(0) + "], which is empty. "
                    + (m.group(1).equals("env") ? "Set the environment variable " + m.group(2) : "Write the key into " + m.group(2)) + ".");
        }
        return value;
    }

    private String fromEnvironment(String name, String reference, String owner) {
        return Optional.ofNullable(environment.apply(name)).orElseThrow(() -> new ConfigurationException(
                "the API key of " + owner + " refers to [" + reference + "], which is not set. Set the environment variable "
                        + name + "."));
    }

    private String fromFile(String path, String reference, String owner) {
        Path file;
        try {
            file = files.apply(path.trim());
        } catch (InvalidPathException e) {
            throw new ConfigurationException("the API key of " + owner + " refers to [" + reference
                    + "], which is not a valid path. Write the path of the file that holds the key.");
        }
        try {
            return withoutTrailingNewline(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            // The exception's own message is left out: it is about the file, but nothing it says is needed.
            throw new ConfigurationException("the API key of " + owner + " refers to [" + reference + "], but ["
                    + file + "] " + (Files.exists(file) ? "cannot be read" : "does not exist")
                    + ". Write the key into that file, or fix the path.");
        }
    }

    /** One trailing newline, as editors and {@code echo} add it, is not part of a key. */
    private static String withoutTrailingNewline(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
