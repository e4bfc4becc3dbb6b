package dev.evalunit.junit;

import dev.evalunit.config.ConfigKeys;
import dev.evalunit.config.EvalConfig;
import dev.evalunit.specfiles.AutoSxsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.ClasspathResourceSelector;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.ClasspathResourceSource;
import org.junit.platform.engine.support.descriptor.FileSource;

/**
 * Finds the spec files (AutoSxS pipeline definitions, {@code *.autosxs.json}; EvalAP experiment sets,
 * {@code *.experiment-set.json}) a discovery request selects: under a class path root, those whose path matches
 * one of the globs of {@value ConfigKeys#SPECS_INCLUDE}; a class path resource, a file or a unique id
 * that names a spec file, as it is; and, for the test classes a build tool selects (Surefire and Gradle
 * select classes only), the spec files under those classes' class path roots, unless
 * {@value ConfigKeys#SPECS_WITH_TEST_CLASSES} is {@code false}.
 */
final class SpecFileDiscovery {

    private final EvalConfig config;
    private final ClassLoader loader;
    private final List<PathMatcher> includes = new ArrayList<>();
    /** Resource name (or file path) -> its descriptor, each file once however many selectors name it. */
    private final Map<String, TestDescriptor> found = new TreeMap<>();

    SpecFileDiscovery(EvalConfig config, ClassLoader loader) {
        this.config = config;
        this.loader = loader;
        for (String glob : config.get(ConfigKeys.SPECS_INCLUDE).orElse(ConfigKeys.DEFAULT_SPECS_INCLUDE).split(",")) {
            if (!glob.isBlank()) {
                includes.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.strip()));
                // "evals/**/x" also matches "evals/x", as in Ant and Maven.
                if (glob.contains("**/")) {
                    includes.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.strip().replace("**/", "")));
                }
            }
        }
    }

    /** What an experiment-set file's name ends with. */
    static final String EXPERIMENT_SET_SUFFIX = ".experiment-set.json";

    static boolean isSpecFile(String name) {
        return name.endsWith(AutoSxsFile.SUFFIX) || name.endsWith(EXPERIMENT_SET_SUFFIX);
    }

    List<TestDescriptor> discover(EngineDiscoveryRequest request, UniqueId engineId) {
        Set<Path> roots = new LinkedHashSet<>();
        request.getSelectorsByType(ClasspathRootSelector.class).forEach(s -> toPath(s.getClasspathRoot()).ifPresent(roots::add));
        Set<Path> classRoots = new LinkedHashSet<>();
        if (!"false".equalsIgnoreCase(config.get(ConfigKeys.SPECS_WITH_TEST_CLASSES).orElse("true").strip())) {
            request.getSelectorsByType(ClassSelector.class).forEach(s -> rootOf(s.getClassName()).ifPresent(classRoots::add));
        }
        roots.forEach(root -> scan(root, engineId, false));
        classRoots.forEach(root -> scan(root, engineId, true));
        request.getSelectorsByType(ClasspathResourceSelector.class)
                .forEach(s -> resource(s.getClasspathResourceName(), engineId));
        request.getSelectorsByType(FileSelector.class).forEach(s -> file(s.getPath(), engineId));
        request.getSelectorsByType(UniqueIdSelector.class).forEach(s -> {
            List<UniqueId.Segment> segments = s.getUniqueId().getSegments();
            if (s.getUniqueId().hasPrefix(engineId) && segments.size() >= 2
                    && Set.of(SpecFileDescriptor.SEGMENT, ExperimentSetFileDescriptor.SEGMENT).contains(segments.get(1).getType())) {
                resource(segments.get(1).getValue(), engineId);
            }
        });
        return List.copyOf(found.values());
    }

    /**
     * @param asTestSet whether a build tool asked (it selected classes): it reports tests by the class of their
     *     container, so the file's source is a class source named after it ({@code evals.qa.autosxs.json});
     *     otherwise the class path resource, which IDEs open
     */
    private void scan(Path root, UniqueId engineId, boolean asTestSet) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).map(root::relativize).filter(this::included)
                    .map(relative -> relative.toString().replace('\\', '/')).sorted()
                    .forEach(name -> add(name, root.resolve(name), engineId, asTestSet
                            ? ClassSource.from(name.replace('/', '.')) : ClasspathResourceSource.from(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean included(Path relative) {
        return isSpecFile(relative.getFileName().toString()) && includes.stream().anyMatch(m -> m.matches(relative));
    }

    private void resource(String name, UniqueId engineId) {
        String resource = name.startsWith("/") ? name.substring(1) : name;
        URL url = loader.getResource(resource);
        if (url != null && isSpecFile(resource)) {
            add(resource, url, engineId);
        }
    }

    private void file(Path path, UniqueId engineId) {
        if (Files.isRegularFile(path) && isSpecFile(path.getFileName().toString())) {
            add(path.toString(), path, engineId, FileSource.from(path.toFile()));
        }
    }

    private void add(String name, Path path, UniqueId engineId, TestSource source) {
        try {
            add(name, path.toUri().toURL(), engineId, source);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void add(String resource, URL url, UniqueId engineId) {
        add(resource, url, engineId, ClasspathResourceSource.from(resource));
    }

    private void add(String name, URL url, UniqueId engineId, TestSource source) {
        found.computeIfAbsent(name, n -> n.endsWith(EXPERIMENT_SET_SUFFIX)
                ? new ExperimentSetFileDescriptor(engineId, n, url, source)
                : new SpecFileDescriptor(engineId, n, url, source));
    }

    /** The class path root (a folder) a class is loaded from, when it is a folder. */
    private java.util.Optional<Path> rootOf(String className) {
        String file = className.replace('.', '/') + ".class";
        URL url = loader.getResource(file);
        if (url == null || !"file".equals(url.getProtocol())) {
            return java.util.Optional.empty();
        }
        String text = url.toString();
        return toPath(URI.create(text.substring(0, text.length() - file.length())));
    }

    private static java.util.Optional<Path> toPath(URI uri) {
        return "file".equals(uri.getScheme()) ? java.util.Optional.of(Path.of(uri)) : java.util.Optional.empty();
    }

    static void addAll(TestDescriptor engine, List<TestDescriptor> files) {
        files.forEach(engine::addChild);
    }
}
