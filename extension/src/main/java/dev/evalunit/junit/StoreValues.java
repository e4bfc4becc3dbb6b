package dev.evalunit.junit;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext.Store;

/**
 * {@link Store} access that works on every supported Jupiter version (5.10 to 6.x).
 *
 * <p>evalunit compiles against Jupiter 5.10, whose {@code getOrComputeIfAbsent} JUnit 6 deprecates in
 * favour of {@code computeIfAbsent}. Where the newer method exists it is used (looked up once);
 * otherwise the older one. Values that hold resources are stored in a {@link Closing} holder, which
 * every version closes when its context ends: Jupiter 5.10 to 5.12 close only
 * {@code Store.CloseableResource}, Jupiter 5.13 and later prefer {@link AutoCloseable} (and warn about
 * a value that is only the former); the holder is both, and is closed once.
 */
final class StoreValues {

    /** {@code Store.computeIfAbsent(Object, Function, Class)} of Jupiter 6, or null before 6. */
    private static final MethodHandle COMPUTE_IF_ABSENT = findComputeIfAbsent();

    private StoreValues() {
    }

    /** The value under {@code key}, computed and stored by {@code create} if there is none yet. */
    static <V> V computeIfAbsent(Store store, Object key, Function<Object, V> create, Class<V> type) {
        if (COMPUTE_IF_ABSENT == null) {
            return legacyComputeIfAbsent(store, key, create, type);
        }
        try {
            return type.cast(COMPUTE_IF_ABSENT.invoke(store, key, create, type));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Store.computeIfAbsent failed for key " + key, e);
        }
    }

    /**
     * The resource under {@code key}, created by {@code create} if there is none yet, and closed by
     * JUnit when the context that owns {@code store} ends.
     */
    static <V extends AutoCloseable> V resource(Store store, Object key, Function<Object, V> create, Class<V> type) {
        Closing<?> holder = computeIfAbsent(store, key, k -> new Closing<>(create.apply(k)), Closing.class);
        return type.cast(holder.value);
    }

    @SuppressWarnings("deprecation") // The only way before Jupiter 6.
    private static <V> V legacyComputeIfAbsent(Store store, Object key, Function<Object, V> create, Class<V> type) {
        return store.getOrComputeIfAbsent(key, create, type);
    }

    private static MethodHandle findComputeIfAbsent() {
        try {
            return MethodHandles.publicLookup().findVirtual(Store.class, "computeIfAbsent",
                    MethodType.methodType(Object.class, Object.class, Function.class, Class.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    /** A stored resource that every supported Jupiter version closes exactly once. */
    @SuppressWarnings("deprecation") // CloseableResource: what Jupiter 5.10 to 5.12 close.
    static final class Closing<V extends AutoCloseable> implements Store.CloseableResource, AutoCloseable {
        private final V value;
        private boolean closed;

        Closing(V value) {
            this.value = value;
        }

        @Override
        public synchronized void close() throws Exception {
            if (!closed) {
                closed = true;
                value.close();
            }
        }
    }
}
