package dev.evalunit.dataset;

import dev.evalunit.api.spi.DatasetSource;
import dev.evalunit.config.ConfigurationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The registered {@link DatasetSource}s, and the choice of the one that accepts a reference. */
final class DatasetSources {

    private final List<DatasetSource> sources;

    private DatasetSources(List<DatasetSource> sources) {
        this.sources = List.copyOf(sources);
    }

    /**
     * The sources registered for the test's class loader and for the engine's own, each once: a test
     * class loader that does not delegate to the engine's still gets the built-in sources.
     */
    static DatasetSources visibleFrom(ClassLoader classLoader) {
        Map<String, DatasetSource> byClass = new LinkedHashMap<>();
        for (ClassLoader loader : List.of(classLoader, DatasetSources.class.getClassLoader())) {
            for (DatasetSource source : ServiceLoader.load(DatasetSource.class, loader)) {
                byClass.putIfAbsent(source.getClass().getName(), source);
            }
        }
        return new DatasetSources(new ArrayList<>(byClass.values()));
    }

    DatasetSource accepting(String reference) {
        List<DatasetSource> accepting = sources.stream().filter(source -> source.accepts(reference)).toList();
        if (accepting.size() == 1) {
            return accepting.get(0);
        }
        if (accepting.isEmpty()) {
            throw new ConfigurationException("dataset [" + reference + "] has an unknown format. Use a reference that"
                    + " one of the dataset sources accepts: " + described(sources) + ".");
        }
        throw new ConfigurationException("dataset [" + reference + "] is accepted by more than one dataset source: "
                + described(accepting) + ". Make the sources claim references that do not overlap.");
    }

    private static String described(List<DatasetSource> sources) {
        return sources.stream().map(DatasetSource::description).sorted().collect(Collectors.joining(", "));
    }
}
