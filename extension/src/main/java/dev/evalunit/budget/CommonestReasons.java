package dev.evalunit.budget;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Error reasons grouped by their exact text, the most frequent first: what to fix first. */
final class CommonestReasons {

    static final int SHOWN = 3;

    private CommonestReasons() {
    }

    /**
     * {@code 3 × reason one; 2 × reason two}: at most {@value #SHOWN} groups, ties in order of first
     * appearance, so the message is stable from one run to the next.
     */
    static String of(List<String> reasons) {
        Map<String, Long> counts = reasons.stream()
                .map(r -> r == null || r.isBlank() ? "(no reason given)" : r.strip())
                .collect(Collectors.groupingBy(r -> r, LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream()
                // A stable sort keeps first appearance among equal counts.
                .sorted(Comparator.comparing(Map.Entry<String, Long>::getValue).reversed())
                .limit(SHOWN)
                .map(e -> e.getValue() + " × " + e.getKey())
                .collect(Collectors.joining("; "));
    }
}
