package dev.evalunit.cache;

import java.nio.ByteBuffer;

/**
 * The cache index's arrays, in one block of {@link IndexMemory} (off the heap) of {@code 55 x slots}
 * bytes: the table by key, the table by any-endpoint hash ({@link KeyTable}s of {@code slots} slots
 * each, {@value KeyTable#SLOT_BYTES} bytes a slot), then a row of {@value #ROW_BYTES} bytes per indexed
 * line (its segment's number, offset, length in bytes and 1-based line number), room for
 * {@code 3/4 x slots} rows, so that neither table is ever more than three quarters full. When the rows
 * are full, {@link #doubled} moves everything into a block twice the size. The block is also the body
 * of the saved index file ({@link SavedIndex}), byte for byte. Not thread safe: {@link SegmentIndex}
 * guards it.
 */
final class IndexTables {

    static final int ROW_BYTES = 20;
    static final int FIRST_SLOTS = 1 << 10;
    /** The largest block one mapping holds. */
    static final int MAX_SLOTS = 1 << 25;

    private final ByteBuffer memory;
    private final int slots;
    private final KeyTable entries;
    private final KeyTable anyEndpoint;
    private int lines;

    private IndexTables(ByteBuffer memory, int slots, int lines, int entries, int anyEndpoint) {
        this.memory = memory;
        this.slots = slots;
        this.lines = lines;
        this.entries = new KeyTable(memory, 0, slots, entries);
        this.anyEndpoint = new KeyTable(memory, slots * KeyTable.SLOT_BYTES, slots, anyEndpoint);
    }

    /** Empty tables of {@code slots} slots. */
    static IndexTables empty(int slots) {
        return new IndexTables(IndexMemory.allocate(bytes(slots)), slots, 0, 0, 0);
    }

    /** Tables already held in {@code memory} (a saved index, read back). */
    static IndexTables of(ByteBuffer memory, int slots, int lines, int entries, int anyEndpoint) {
        return new IndexTables(memory, slots, lines, entries, anyEndpoint);
    }

    /** The size of the block of {@code slots} slots. */
    static long bytes(int slots) {
        return (2L * KeyTable.SLOT_BYTES + ROW_BYTES * 3L / 4) * slots;
    }

    /** The rows {@code slots} slots have room for. */
    static int rowCapacity(int slots) {
        return slots / 4 * 3;
    }

    KeyTable entries() {
        return entries;
    }

    KeyTable anyEndpoint() {
        return anyEndpoint;
    }

    int slots() {
        return slots;
    }

    int lines() {
        return lines;
    }

    boolean full() {
        return lines == rowCapacity(slots);
    }

    /** The whole block, from its start, for writing it to a file. */
    ByteBuffer block() {
        return memory.duplicate().clear();
    }

    /** Everything in a block of twice the slots: rows copied, keys placed again. */
    IndexTables doubled() {
        if (slots >= MAX_SLOTS) {
            throw new IllegalStateException("the response cache's index holds " + lines
                    + " lines, as many as it can; delete old segments of the cache directory");
        }
        IndexTables larger = empty(slots * 2);
        entries.copyInto(larger.entries);
        anyEndpoint.copyInto(larger.anyEndpoint);
        ByteBuffer rows = memory.duplicate().position(rowsBase()).limit(rowsBase() + lines * ROW_BYTES);
        larger.memory.put(larger.rowsBase(), rows, rows.position(), rows.remaining());
        larger.lines = lines;
        return larger;
    }

    /** Adds a line's row; returns its number. The caller grows the tables first when they are {@link #full}. */
    int add(int segment, long offset, int length, int line) {
        int at = row(lines);
        memory.putInt(at, segment).putLong(at + 4, offset).putInt(at + 12, length).putInt(at + 16, line);
        return lines++;
    }

    int segment(int row) {
        return memory.getInt(row(row));
    }

    long offset(int row) {
        return memory.getLong(row(row) + 4);
    }

    int length(int row) {
        return memory.getInt(row(row) + 12);
    }

    int line(int row) {
        return memory.getInt(row(row) + 16);
    }

    private int rowsBase() {
        return 2 * slots * KeyTable.SLOT_BYTES;
    }

    private int row(int row) {
        return rowsBase() + row * ROW_BYTES;
    }
}
