package dev.evalunit.junit;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.config.SecretProperties;
import org.apiguardian.api.API;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Removes keys passed as system properties ({@code -Devalunit.models.judge.api-key=...}) when the
 * launcher session opens, before any test class runs and so before Surefire copies the system
 * properties into a report. Registered in {@code META-INF/services}; the engine repeats the removal
 * when it first builds its model clients, for launchers that open no session listener.
 */
@API(status = INTERNAL, since = "0.1")
public final class SecretPropertiesListener implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        SecretProperties.scrubSystemProperties();
    }
}
