package dev.evalunit.metrics;

import dev.evalunit.api.experiment.MetricDescriptor;
import dev.evalunit.api.experiment.MetricObservation;
import dev.evalunit.api.spi.Metric;
import dev.evalunit.api.spi.MetricInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Metrics a user could write, and a class loader that registers them through a services file, as a jar would. */
public final class ServiceMetricFixtures {

    private ServiceMetricFixtures() {
    }

    /** A class loader over the test class path plus a services file listing {@code lines}. */
    public static URLClassLoader withServices(Path folder, String... lines) {
        try {
            Path services = folder.resolve(MetricRegistry.SERVICES_FILE);
            Files.createDirectories(services.getParent());
            Files.write(services, List.of(lines));
            return new URLClassLoader(new URL[] {folder.toUri().toURL()}, ServiceMetricFixtures.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code shouting}: the share of upper-case letters of the answer; lower is better. */
    public static final class Shouting implements Metric {
        @Override
        public MetricDescriptor descriptor() {
            return new MetricDescriptor("shouting", 0, 1, false, List.of(), false, "Share of upper-case letters.");
        }

        @Override
        public MetricObservation observe(MetricInput input) {
            String letters = input.generation().output().replaceAll("[^\\p{L}]", "");
            return letters.isEmpty() ? MetricObservation.failed("no letters", null)
                    : MetricObservation.of(letters.chars().filter(Character::isUpperCase).count() / (double) letters.length());
        }
    }

    /** A second metric that calls itself {@code shouting}. */
    public static final class OtherShouting implements Metric {
        @Override
        public MetricDescriptor descriptor() {
            return new MetricDescriptor("shouting", 0, 1, true, List.of(), false, "Another metric of that name.");
        }

        @Override
        public MetricObservation observe(MetricInput input) {
            return MetricObservation.of(0);
        }
    }

    /** {@code keyword}: 1 when the answer contains the parameter {@code word}, which must not be blank. */
    public static final class Keyword implements Metric {
        private final String word;

        public Keyword() {
            this("");
        }

        private Keyword(String word) {
            this.word = word;
        }

        @Override
        public MetricDescriptor descriptor() {
            return new MetricDescriptor("keyword", 0, 1, true, List.of(), false, "Whether the answer has the word.");
        }

        @Override
        public Set<String> parameters() {
            return Set.of("word");
        }

        @Override
        public Metric withParameters(Map<String, Object> parameters) {
            if (!(parameters.get("word") instanceof String given) || given.isBlank()) {
                throw new IllegalArgumentException("[word] must be a non-blank text");
            }
            return new Keyword(given);
        }

        @Override
        public MetricObservation observe(MetricInput input) {
            return MetricObservation.of(input.generation().output().contains(word) ? 1 : 0);
        }
    }
}
