package dev.evalunit.specfiles;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.pairwise.PairwiseSpec;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A pairwise evaluation read from a spec file, and the gates its {@code evalunit} block sets.
 *
 * @param resource the file's class path resource name
 * @param spec the evaluation, planned and run like an annotation's
 * @param gates checked on its figures once it has run, in file order
 */
@API(status = INTERNAL, since = "0.1")
public record SpecFile(String resource, PairwiseSpec spec, List<Gate> gates) {
    public SpecFile {
        gates = List.copyOf(gates);
    }
}
