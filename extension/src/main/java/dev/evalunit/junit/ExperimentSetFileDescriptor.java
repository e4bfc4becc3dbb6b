package dev.evalunit.junit;

import dev.evalunit.experiment.spec.ExperimentConfiguration;
import dev.evalunit.experiment.spec.ExperimentSetSpec;
import dev.evalunit.specfiles.ExperimentSetSpecFile;
import dev.evalunit.specfiles.Gate;
import dev.evalunit.specfiles.SpecFileJson;
import java.net.URL;
import java.util.List;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/**
 * An EvalAP experiment-set file: a container of one test per experiment, then one for the set as a whole.
 * A file that is not a valid set has the set's test only, which fails with the reason.
 */
final class ExperimentSetFileDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "experiment-set-file";
    static final String EXPERIMENT = "experiment";
    static final String SET = "set";

    private final ExperimentSetSpecFile file;
    private final ExperimentSetSpec spec;
    private final RuntimeException invalid;

    ExperimentSetFileDescriptor(UniqueId parent, String resource, URL location, TestSource source) {
        super(parent.append(SEGMENT, resource), resource, source);
        ExperimentSetSpecFile parsed = null;
        RuntimeException failure = null;
        try {
            parsed = ExperimentSetSpecFile.read(resource, SpecFileJson.read(resource, location));
        } catch (RuntimeException e) {
            failure = e;
        }
        this.file = parsed;
        this.spec = parsed == null ? null : parsed.spec();
        this.invalid = failure;
        if (spec != null) {
            for (ExperimentConfiguration experiment : spec.experiments()) {
                addChild(new Child(getUniqueId().append(EXPERIMENT, experiment.name()), experiment.displayName(), source,
                        experiment.index()));
            }
        }
        addChild(new Child(getUniqueId().append(SET, SET),
                "experiment set" + (spec == null ? "" : " " + spec.name()), source, -1));
    }

    /** The set's own gates, from its {@code evalunit} block; none when the file is not a valid set. */
    List<Gate> gates() {
        return file == null ? List.of() : file.gates();
    }

    /** The set, or {@code null} when the file is not a valid set. */
    ExperimentSetSpec spec() {
        return spec;
    }

    /** Why the file is not a valid set, or {@code null}. */
    RuntimeException invalid() {
        return invalid;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    /** One experiment's test (its index in the set), or the set's own (index -1). */
    static final class Child extends AbstractTestDescriptor {
        private final int index;

        Child(UniqueId id, String displayName, TestSource source, int index) {
            super(id, displayName, source);
            this.index = index;
        }

        int index() {
            return index;
        }

        @Override
        public Type getType() {
            return Type.TEST;
        }
    }
}
