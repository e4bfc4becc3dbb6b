package dev.evalunit.samples.support;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The stand-in for the spec files under {@code evals/} (run by the {@code evalunit-specs} engine, which
 * has no test class to carry {@code @ExtendWith(StandInModelServer.class)}): when {@code OPENAI_API_KEY}
 * is unset, one stand-in for the whole launcher session, started before any engine runs and closed with
 * the session. Registered in {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 */
public final class StandInSession implements LauncherSessionListener {

    private StandInModelServer.Running running;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String key = System.getenv(StandInModelServer.API_KEY_VARIABLE);
        if (key == null || key.isBlank()) {
            running = StandInModelServer.start();
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (running != null) {
            running.close();
            running = null;
        }
    }
}
