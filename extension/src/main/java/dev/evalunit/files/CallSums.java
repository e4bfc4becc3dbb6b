package dev.evalunit.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.http.CallTally;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * The {@value CallTally#FIELD} fields of several files of one evaluation's shards ({@code metrics.json},
 * {@code set-summary.json}), summed into what a single run over all their examples writes: every count adds,
 * the faults kind by kind. The sibling of {@link UsageSums}, used at the same place.
 */
@API(status = INTERNAL, since = "0.1")
public final class CallSums {

    private CallSums() {
    }

    /**
     * @param kind what the files are, for messages: e.g. {@code metrics file}
     * @return {@code {"calls": {...}}} summed over {@code files}, or an empty map when no file has the field
     *     (files written before it existed)
     */
    public static Map<String, Object> of(List<Path> files, String kind) {
        long[] sums = new long[5];
        SortedMap<String, Long> faults = new TreeMap<>();
        boolean any = false;
        for (Path file : files) {
            Fields json = JsonFiles.readObject(file, kind + " [" + file + "]");
            if (!json.has(CallTally.FIELD)) {
                continue;
            }
            any = true;
            Fields calls = json.requiredObject(CallTally.FIELD);
            sums[0] += count(calls, CallTally.CALLS);
            sums[1] += count(calls, CallTally.ATTEMPTS);
            sums[2] += count(calls, CallTally.RETRIES);
            sums[3] += count(calls, CallTally.HEDGES_SENT);
            sums[4] += count(calls, CallTally.HEDGES_WON);
            Fields byKind = calls.requiredObject(CallTally.FAULTS);
            for (String fault : byKind.names()) {
                faults.merge(fault, count(byKind, fault), Long::sum);
            }
        }
        return any ? Map.of(CallTally.FIELD, CallTally.fields(sums[0], sums[1], sums[2], faults, sums[3], sums[4]))
                : Map.of();
    }

    private static long count(Fields object, String name) {
        return object.number(name).longValue();
    }
}
