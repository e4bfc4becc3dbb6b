package dev.evalunit.experiment.spec;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.json.JsonValues;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalunit.config.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Reads an experiment-set (or tournament) JSON file from the class path or, failing that, the file system (relative paths
 * resolve against the base directory, usually the module's folder).
 */
@API(status = INTERNAL, since = "0.1")
public final class ExperimentSetFile {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ExperimentSetFile() {
    }

    static Map<String, Object> read(String location, ClassLoader classLoader, Path baseDirectory) {
        return read(location, classLoader, baseDirectory, "experiment set file",
                "Write the set as {\"name\": ..., \"cv\": {...}}");
    }

    /**
     * Reads a JSON object from a class path resource or a file.
     *
     * @param noun names the file in messages, e.g. {@code tournament file}
     * @param shape what to write instead of a value that is not an object, e.g. {@code Write the set as {...}}
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(String location, ClassLoader classLoader, Path baseDirectory, String noun,
                                           String shape) {
        byte[] bytes = bytes(location, classLoader, baseDirectory, noun).orElseThrow(() -> new ConfigurationException(
                noun + " [" + location + "] was not found on the class path or as a file."
                        + " Check the path; class path resources live in src/test/resources."));
        Object value;
        try {
            value = JSON.readValue(bytes, Object.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ConfigurationException(noun + " [" + location + "] is not valid JSON" + where
                    + ": " + reason(e) + ". Fix the JSON there.");
        } catch (IOException e) {
            throw new ConfigurationException(noun + " [" + location + "] could not be read: "
                    + e.getMessage() + ". Check that the file is readable.", e);
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new ConfigurationException(noun + " [" + location + "] holds " + JsonValues.describe(value)
                    + ", not a JSON object. " + shape + ".");
        }
        return (Map<String, Object>) map;
    }

    // Jackson quotes an unrecognised token, which could be an API key written without quotes: leave it out.
    private static String reason(JsonProcessingException e) {
        String reason = e.getOriginalMessage().replaceAll("\\s+", " ").strip();
        reason = reason.replaceAll("Unrecognized token '[^']*'", "Unrecognized token");
        return reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
    }

    private static Optional<byte[]> bytes(String location, ClassLoader classLoader, Path baseDirectory, String noun) {
        try {
            // ClassLoader resource names never start with a slash, though Class.getResource's do; accept both.
            URL url = classLoader.getResource(location.startsWith("/") ? location.substring(1) : location);
            if (url != null) {
                try (InputStream in = url.openStream()) {
                    return Optional.of(in.readAllBytes());
                }
            }
            Path path = baseDirectory.resolve(location);
            return Files.isRegularFile(path) ? Optional.of(Files.readAllBytes(path)) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ConfigurationException(noun + " [" + location + "] could not be read: "
                    + e.getMessage() + ". Check that the file is readable.", e);
        }
    }
}
