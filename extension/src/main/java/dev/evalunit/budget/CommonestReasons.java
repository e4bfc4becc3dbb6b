package dev.evalunit.budget;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Error reasons grouped by their kind ({@link ErrorKinds}), the most frequent first: what to fix first.
 * Each group quotes its first reason in full, as an example.
 */
final class CommonestReasons {

    static final int SHOWN = 3;

    private CommonestReasons() {
    }

    /**
     * {@code 15 × unreadable reply (e.g. model [judge]: unreadable reply after 3 attempts: HTTP 200, not JSON:
     * {"choi…); 2 × HTTP 500 (e.g. ...)}: at most {@value #SHOWN} kinds, ties in order of first appearance,
     * so the message is stable from one run to the next.
     */
    static String of(List<String> reasons) {
        Map<String, Long> counts = ErrorKinds.counts(reasons);
        return counts.entrySet().stream()
                .limit(SHOWN)
                .map(e -> e.getValue() + " × " + e.getKey() + example(reasons, e.getKey()))
                .collect(Collectors.joining("; "));
    }

    private static String example(List<String> reasons, String kind) {
        return reasons.stream().filter(r -> ErrorKinds.of(r).equals(kind)).findFirst()
                .filter(r -> r != null && !r.isBlank() && !r.strip().equals(kind))
                .map(r -> " (e.g. " + r.strip() + ")").orElse("");
    }
}
