package dev.evalunit.junit;

import java.net.URL;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** One spec file, one test: an AutoSxS pipeline definition is one pairwise evaluation. */
final class SpecFileDescriptor extends AbstractTestDescriptor {

    /** The unique id segment type of a spec file; its value is the resource name. */
    static final String SEGMENT = "spec-file";

    private final String resource;
    private final URL location;

    SpecFileDescriptor(UniqueId parent, String resource, URL location, TestSource source) {
        super(parent.append(SEGMENT, resource), resource, source);
        this.resource = resource;
        this.location = location;
    }

    String resource() {
        return resource;
    }

    URL location() {
        return location;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }
}
