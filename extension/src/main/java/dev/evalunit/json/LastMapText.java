package dev.evalunit.json;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Map;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * The JSON text of the last map written, reused while callers keep passing the same map: an
 * autorater sends one schema on every call (as a fresh copy of its top level, which {@code
 * ModelRequest} makes), and writing it again per call showed in profiles. The cheap test (same
 * entries, same value objects) answers nearly always; otherwise the maps are compared in key order,
 * since the order is part of the text. Thread safe: a race only writes the text once more.
 */
@API(status = INTERNAL, since = "0.1")
public final class LastMapText {

    private record Entry(Map<String, Object> map, String text) {
    }

    private final Function<Map<String, Object>, String> writer;
    private volatile Entry last;

    /** @param writer the text of a map, {@code null} included */
    public LastMapText(Function<Map<String, Object>, String> writer) {
        this.writer = writer;
        this.last = new Entry(null, writer.apply(null));
    }

    public String of(Map<String, Object> map) {
        Entry entry = last;
        if (JsonValues.sameEntries(entry.map(), map) || JsonValues.sameInOrder(entry.map(), map)) {
            return entry.text();
        }
        Entry fresh = new Entry(map, writer.apply(map));
        last = fresh;
        return fresh.text();
    }
}
