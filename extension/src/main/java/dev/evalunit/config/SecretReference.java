package dev.evalunit.config;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a secret reference: {@code ${env:NAME}} (environment variable) or {@code ${sys:NAME}}
 * (system property). The resolved value is only ever handed to the HTTP layer; messages name the
 * reference, never the value.
 */
public final class SecretReference {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|sys):([A-Za-z_][A-Za-z0-9_.\\-]*)}");

    private final Function<String, String> environment;
    private final Function<String, String> systemProperties;

    public SecretReference(Function<String, String> environment, Function<String, String> systemProperties) {
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    public static SecretReference fromProcess() {
        return new SecretReference(System::getenv, System::getProperty);
    }

    public static boolean isReference(String value) {
        return value != null && REFERENCE.matcher(value.trim()).matches();
    }

    /**
     * The secret a reference points to.
     *
     * @param reference {@code ${env:NAME}} or {@code ${sys:NAME}}
     * @param owner what needs the secret, for the message, e.g. {@code model [judge]}
     * @throws ConfigurationException when the text is not a reference or what it names is unset
     */
    public String resolve(String reference, String owner) {
        Matcher m = REFERENCE.matcher(reference.trim());
        if (!m.matches()) {
            throw new ConfigurationException("the API key of " + owner
                    + " is not a reference. Write ${env:NAME} or ${sys:NAME} instead of the key itself.");
        }
        boolean env = m.group(1).equals("env");
        String name = m.group(2);
        String value = Optional.ofNullable(env ? environment.apply(name) : systemProperties.apply(name))
                .filter(v -> !v.isBlank()).orElse(null);
        if (value == null) {
            throw new ConfigurationException("the API key of " + owner + " refers to [" + m.group(0) + "], which is not set. Set "
                    + (env ? "the environment variable " : "the system property ") + name + ".");
        }
        return value;
    }
}
