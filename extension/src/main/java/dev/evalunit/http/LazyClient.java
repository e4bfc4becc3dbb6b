package dev.evalunit.http;

import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * A pipeline's OkHttp client, built at its first use: a run whose replies all come from the cache builds
 * none (nor OkHttp's shared client, nor its platform check). Thread safe; once built, a read is one
 * volatile load.
 */
final class LazyClient {

    private final Supplier<OkHttpClient> build;
    private volatile OkHttpClient client;

    LazyClient(Supplier<OkHttpClient> build) {
        this.build = build;
    }

    OkHttpClient get() {
        OkHttpClient built = client;
        if (built == null) {
            synchronized (this) {
                built = client;
                if (built == null) {
                    built = build.get();
                    client = built;
                }
            }
        }
        return built;
    }
}
