package dev.evalunit.cache;

import java.nio.ByteBuffer;

/**
 * A map from a SHA-256 hash, as its 64 lower-case hex digits, to a non-negative {@code int}, held in
 * a region of a {@link ByteBuffer} (the index's {@link IndexMemory}, off the heap): an open-addressing
 * table (linear probing) of {@value #SLOT_BYTES}-byte slots, each the hash's first 128 bits as two
 * {@code long}s and the value. A cache index holds one per recorded reply, so this is what grows with
 * the size of a run; it has a fixed number of slots, and its owner moves it into a larger region
 * ({@link #copyInto}) before it is three quarters full. Two hashes that share their first 128 bits
 * are one key here, so a value found must be checked against the full hash where it is used (the
 * entry's line holds it). Not thread safe: {@link SegmentIndex} guards it.
 */
final class KeyTable {

    static final int SLOT_BYTES = 20;

    private final ByteBuffer memory;
    private final int base;
    private final int mask;
    private int size;

    /**
     * @param base where the table starts in {@code memory}
     * @param slots a power of two; the region holds {@code slots * SLOT_BYTES} bytes
     * @param size the keys the region already holds (zero for zeroed memory)
     */
    KeyTable(ByteBuffer memory, int base, int slots, int size) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots not a power of two: " + slots);
        }
        this.memory = memory;
        this.base = base;
        this.mask = slots - 1;
        this.size = size;
    }

    /** The value of {@code hash}, or -1 when it has none. */
    int get(CharSequence hash) {
        return get(hash, 0);
    }

    /** The value of the 64 hex digits of {@code text} from {@code from}, or -1 when they have none. */
    int get(CharSequence text, int from) {
        long h = bits(text, from);
        long l = bits(text, from + 16);
        for (int slot = slot(h); ; slot = slot + 1 & mask) {
            int at = base + slot * SLOT_BYTES;
            int stored = memory.getInt(at + 16);
            if (stored == 0) {
                return -1;
            }
            if (memory.getLong(at) == h && memory.getLong(at + 8) == l) {
                return stored - 1;
            }
        }
    }

    /** Sets the value of {@code hash}, replacing any it had. */
    void put(CharSequence hash, int value) {
        put(hash, 0, value);
    }

    /**
     * Sets the value of the 64 hex digits of {@code text} from {@code from}, replacing any they had.
     * The owner keeps the table below three quarters full.
     */
    void put(CharSequence text, int from, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value " + value);
        }
        insert(bits(text, from), bits(text, from + 16), value + 1);
    }

    int size() {
        return size;
    }

    /** Puts every key of this table into {@code larger}, an empty table of more slots. */
    void copyInto(KeyTable larger) {
        for (int slot = 0; slot <= mask; slot++) {
            int at = base + slot * SLOT_BYTES;
            int stored = memory.getInt(at + 16);
            if (stored != 0) {
                larger.insert(memory.getLong(at), memory.getLong(at + 8), stored);
            }
        }
    }

    private void insert(long h, long l, int storedValue) {
        int slot = slot(h);
        while (true) {
            int at = base + slot * SLOT_BYTES;
            if (memory.getInt(at + 16) == 0) {
                memory.putLong(at, h).putLong(at + 8, l).putInt(at + 16, storedValue);
                size++;
                return;
            }
            if (memory.getLong(at) == h && memory.getLong(at + 8) == l) {
                memory.putInt(at + 16, storedValue);
                return;
            }
            slot = slot + 1 & mask;
        }
    }

    /** A SHA-256's bits are uniform: its low bits place it. */
    private int slot(long high) {
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
