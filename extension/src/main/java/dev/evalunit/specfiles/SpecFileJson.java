package dev.evalunit.specfiles;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.config.ConfigurationException;
import dev.evalunit.json.JsonReading;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.apiguardian.api.API;

/** The JSON value of a spec file, read through the one JSON reader; a file that is not JSON is a configuration error. */
@API(status = INTERNAL, since = "0.1")
public final class SpecFileJson {

    private SpecFileJson() {
    }

    /** @param name the file's resource name or path, for messages */
    public static Object read(String name, URL location) {
        try (InputStream in = location.openStream(); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return JsonReading.read(reader);
        } catch (IOException e) {
            throw new ConfigurationException("spec file [" + name + "] is not readable JSON: " + e.getMessage()
                    + ". Fix the file; it is the JSON body as the AutoSxS pipeline or EvalAP takes it.");
        }
    }
}
