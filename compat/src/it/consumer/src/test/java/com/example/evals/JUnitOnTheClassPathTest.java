package com.example.evals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * evalunit brings no JUnit of its own: every JUnit jar on this class path is the version the build's
 * junit-bom chose (Jupiter 5.x pairs with Platform 1.x; from 6.0 they share one number).
 */
class JUnitOnTheClassPathTest {

    @Test
    void oneJUnitVersionThroughout() throws Exception {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String type : new String[] {"org.junit.jupiter.api.Test", "org.junit.jupiter.engine.JupiterTestEngine",
                "org.junit.platform.commons.support.AnnotationSupport", "org.junit.platform.engine.TestEngine",
                "org.junit.platform.launcher.Launcher"}) {
            versions.put(type, Class.forName(type).getPackage().getImplementationVersion());
        }
        String jupiter = versions.get("org.junit.jupiter.api.Test");
        String platform = jupiter.startsWith("5.") ? "1." + jupiter.substring(2) : jupiter;
        assertThat(versions).containsExactly(
                Map.entry("org.junit.jupiter.api.Test", jupiter),
                Map.entry("org.junit.jupiter.engine.JupiterTestEngine", jupiter),
                Map.entry("org.junit.platform.commons.support.AnnotationSupport", platform),
                Map.entry("org.junit.platform.engine.TestEngine", platform),
                Map.entry("org.junit.platform.launcher.Launcher", platform));
        String expected = System.getProperty("matrix.version");
        if (expected != null) {
            assertThat(jupiter).as("the Jupiter this matrix build asked for").isEqualTo(expected);
        }
    }
}
