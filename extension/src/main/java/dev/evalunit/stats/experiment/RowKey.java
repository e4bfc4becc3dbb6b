package dev.evalunit.stats.experiment;

import dev.evalunit.api.experiment.RowResult;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Matches a row across experiments by {@link RowResult#rowId()}. Numeric ids compare by value, so
 * that {@code 7} read as an Integer in one run and as a Long in another are the same row. A dataset
 * that repeats an id has its rows told apart by occurrence (the second "q1" pairs with the second
 * "q1"), so that no row silently replaces another.
 */
record RowKey(Object id, int occurrence) {

    /** The keys of one list's rows, a row at a time, in order. */
    static final class Keys {
        private final Map<Object, Integer> seen = new HashMap<>();

        RowKey next(RowResult row) {
            Object id = normalized(row.rowId());
            int occurrence = seen.merge(id, 1, Integer::sum) - 1;
            return new RowKey(id, occurrence);
        }
    }

    /** Whether two row ids name one row: as keys of their first occurrence would be equal. */
    static boolean sameId(Object a, Object b) {
        return normalized(a).equals(normalized(b));
    }

    private static Object normalized(Object id) {
        if (id instanceof Number number) {
            try {
                return new BigDecimal(number.toString()).stripTrailingZeros();
            } catch (NumberFormatException e) {
                return number; // NaN or infinite: compared as they are
            }
        }
        return id;
    }
}
