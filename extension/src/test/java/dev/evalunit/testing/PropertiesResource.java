package dev.evalunit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** A {@code .properties} test resource as configuration parameters: the declarations a page quotes, as a run gets them. */
public final class PropertiesResource {

    private PropertiesResource() {
    }

    /** The entries of the class path resource {@code name} (e.g. {@code /chat-models.properties}), in a map one may change. */
    public static Map<String, String> asMap(String name) {
        Properties properties = new Properties();
        try (InputStream in = PropertiesResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> map.put(key, properties.getProperty(key)));
        return map;
    }
}
