package dev.evalunit.junit;

import java.net.URL;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/**
 * An AutoSxS pipeline definition: a container (what build tools report as a test set) holding its one
 * test, the pairwise evaluation.
 */
final class SpecFileDescriptor extends AbstractTestDescriptor {

    /** The unique id segment type of a spec file; its value is the resource name. */
    static final String SEGMENT = "spec-file";

    private final String resource;
    private final URL location;

    SpecFileDescriptor(UniqueId parent, String resource, URL location, TestSource source) {
        super(parent.append(SEGMENT, resource), resource, source);
        this.resource = resource;
        this.location = location;
        addChild(new ExperimentSetFileDescriptor.Child(getUniqueId().append(EVALUATION, EVALUATION), resource, source, 0));
    }

    /** The unique id segment of the evaluation's test. */
    static final String EVALUATION = "evaluation";

    /** The evaluation's test. */
    TestDescriptor evaluation() {
        return getChildren().iterator().next();
    }

    String resource() {
        return resource;
    }

    URL location() {
        return location;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }
}
