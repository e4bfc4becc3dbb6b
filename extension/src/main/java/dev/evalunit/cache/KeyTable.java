package dev.evalunit.cache;

/**
 * A map from a SHA-256 hash, as its 64 lower-case hex digits, to a non-negative {@code int}, held in
 * primitive arrays: the hash's first 128 bits as two {@code long}s and the value, in an open-addressing
 * table (linear probing, at most three quarters full). About 27 bytes per key, where a
 * {@code ConcurrentHashMap} of the 64-character strings took some 170; a cache index holds one per
 * recorded reply, so this is what grows with the size of a run. Two hashes that share their first 128
 * bits are one key here, so a value found must be checked against the full hash where it is used (the
 * entry's line holds it). Not thread safe: {@link SegmentIndex} guards it.
 */
final class KeyTable {

    private static final int FIRST_CAPACITY = 1 << 10;

    private long[] high = new long[FIRST_CAPACITY];
    private long[] low = new long[FIRST_CAPACITY];
    /** The value plus one; 0 marks an empty slot, so that no key needs to be reserved. */
    private int[] values = new int[FIRST_CAPACITY];
    private int size;

    /** The value of {@code hash}, or -1 when it has none. */
    int get(CharSequence hash) {
        return get(hash, 0);
    }

    /** The value of the 64 hex digits of {@code text} from {@code from}, or -1 when they have none. */
    int get(CharSequence text, int from) {
        long h = bits(text, from);
        long l = bits(text, from + 16);
        int mask = values.length - 1;
        for (int slot = slot(h, mask); values[slot] != 0; slot = slot + 1 & mask) {
            if (high[slot] == h && low[slot] == l) {
                return values[slot] - 1;
            }
        }
        return -1;
    }

    /** Sets the value of {@code hash}, replacing any it had. */
    void put(CharSequence hash, int value) {
        put(hash, 0, value);
    }

    /** Sets the value of the 64 hex digits of {@code text} from {@code from}, replacing any they had. */
    void put(CharSequence text, int from, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value " + value);
        }
        if ((size + 1) * 4L > values.length * 3L) {
            grow();
        }
        insert(bits(text, from), bits(text, from + 16), value + 1);
    }

    int size() {
        return size;
    }

    private void insert(long h, long l, int storedValue) {
        int mask = values.length - 1;
        int slot = slot(h, mask);
        while (values[slot] != 0) {
            if (high[slot] == h && low[slot] == l) {
                values[slot] = storedValue;
                return;
            }
            slot = slot + 1 & mask;
        }
        high[slot] = h;
        low[slot] = l;
        values[slot] = storedValue;
        size++;
    }

    private void grow() {
        long[] oldHigh = high;
        long[] oldLow = low;
        int[] oldValues = values;
        int capacity = oldValues.length * 2;
        high = new long[capacity];
        low = new long[capacity];
        values = new int[capacity];
        size = 0;
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != 0) {
                insert(oldHigh[i], oldLow[i], oldValues[i]);
            }
        }
    }

    /** A SHA-256's bits are uniform: its low bits place it. */
    private static int slot(long high, int mask) {
        return (int) high & mask;
    }

    /** The 16 hex digits of {@code text} from {@code from} as 64 bits. */
    private static long bits(CharSequence text, int from) {
        long bits = 0;
        for (int i = from; i < from + 16; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                throw new IllegalArgumentException("not a hex digit at " + (i - from) + " of a hash");
            }
            bits = bits << 4 | digit;
        }
        return bits;
    }
}
