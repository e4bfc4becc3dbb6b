package dev.evalunit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The JUnit Jupiter version a test runs on, and whether evalunit supports it (5.10 to 6.x).
 *
 * <p>Internal: not part of evalunit's API; it may change without notice.
 *
 * <p>evalunit compiles against Jupiter 5.10 and uses newer API only behind checks that fall back
 * cleanly, so any version from 5.10 on links. An older one would fail somewhere inside JUnit with a
 * linkage error; {@link #requireSupported()} turns that into one clear message on the first evalunit
 * test instead. The version is read from the Jupiter API jar's manifest; where a repackaged jar has
 * none, the presence of a type that 5.10 introduced decides.
 */
@API(status = INTERNAL, since = "0.1")
public final class JupiterVersion {

    /** The oldest supported version. */
    public static final String OLDEST = "5.10";
    /** The supported range, as messages and the docs say it. */
    public static final String RANGE = "5.10 to 6.x";

    private static final Pattern MAJOR_MINOR = Pattern.compile("(\\d+)\\.(\\d+)");
    /** A type that Jupiter 5.10 introduced, for jars without a version in their manifest. */
    private static final String SINCE_5_10 = "org.junit.jupiter.api.extension.AnnotatedElementContext";

    private static volatile JupiterVersion running;

    private final String text;
    private final int major;
    private final int minor;

    private JupiterVersion(String text, int major, int minor) {
        this.text = text;
        this.major = major;
        this.minor = minor;
    }

    /** The version of the Jupiter API on the class path. */
    public static JupiterVersion running() {
        JupiterVersion version = running;
        if (version == null) {
            version = detect();
            running = version;
        }
        return version;
    }

    /**
     * A version as a manifest writes it ({@code 5.12.2}, {@code 6.0.0-M1}); empty when the text has no
     * {@code major.minor} at its start.
     */
    public static Optional<JupiterVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = MAJOR_MINOR.matcher(text.trim());
        if (!matcher.lookingAt()) {
            return Optional.empty();
        }
        return Optional.of(new JupiterVersion(text.trim(), Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
    }

    /**
     * Fails the calling test with a {@code Configuration error} when the running Jupiter is older than
     * {@value #OLDEST}; checked once per class loader.
     */
    public static void requireSupported() {
        running().requireSupportedVersion();
    }

    /** Throws the error {@link #requireSupported()} would throw for this version. */
    public void requireSupportedVersion() {
        if (!atLeast(5, 10)) {
            throw new ExtensionConfigurationException("Configuration error: evalunit needs JUnit Jupiter " + OLDEST
                    + " or later (supported: " + RANGE + "), but this test runs on junit-jupiter-api " + text
                    + ". Raise the junit-bom version (or Spring Boot's junit-jupiter.version) to 5.10.0 or later;"
                    + " see docs/compatibility.md in evalunit's repository.");
        }
    }

    /** Whether this version is {@code major.minor} or later. */
    public boolean atLeast(int major, int minor) {
        return this.major > major || (this.major == major && this.minor >= minor);
    }

    @Override
    public String toString() {
        return text;
    }

    private static JupiterVersion detect() {
        Package api = ExtensionContext.class.getPackage();
        Optional<JupiterVersion> declared = parse(api == null ? null : api.getImplementationVersion());
        if (declared.isPresent()) {
            return declared.get();
        }
        try {
            Class.forName(SINCE_5_10, false, ExtensionContext.class.getClassLoader());
            return new JupiterVersion("5.10 or later (no version in its manifest)", 5, 10);
        } catch (ClassNotFoundException | LinkageError e) {
            return new JupiterVersion("older than 5.10 (no version in its manifest)", 5, 9);
        }
    }
}
