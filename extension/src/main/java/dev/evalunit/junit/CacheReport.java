package dev.evalunit.junit;

import dev.evalunit.cache.CacheCounts;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Says, once an evaluation has run, where its replies came from: a line on standard output, e.g.
 * {@code [evalunit] QaEval.candidate: 120 replies from the cache, 0 calls (cache: replay, .evalunit/cache)},
 * and the same counts as report entries ({@value #FROM_CACHE}, {@value #CALLS}, {@value #MISSING}) of the
 * test that ran it, where launchers and tests read them.
 */
final class CacheReport {

    static final String FROM_CACHE = "evalunit.cache.replies";
    static final String CALLS = "evalunit.cache.calls";
    static final String MISSING = "evalunit.cache.missing";

    private CacheReport() {
    }

    /** @param evaluation as the line names it: the pairwise evaluation's name, or {@code experiment set <name>} */
    static void print(ExtensionContext context, String evaluation, CacheCounts counts) {
        print(context::publishReportEntry, evaluation, counts);
    }

    /** @param publisher takes the report entries of the test that ran the evaluation */
    static void print(Consumer<Map<String, String>> publisher, String evaluation, CacheCounts counts) {
        System.out.println("[evalunit] " + evaluation + ": " + counts.summary());
        publisher.accept(Map.of(FROM_CACHE, Long.toString(counts.repliesFromCache()),
                CALLS, Long.toString(counts.calls()), MISSING, Long.toString(counts.missing())));
    }
}
