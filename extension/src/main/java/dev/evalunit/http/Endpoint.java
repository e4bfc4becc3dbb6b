package dev.evalunit.http;

import okhttp3.HttpUrl;

/**
 * Where a provider's rate limits apply: the scheme, host and port of a base URL. Path, query and
 * credentials are left out, so two models on one server share limits and no secret is printed.
 */
record Endpoint(String scheme, String host, int port) {

    static Endpoint of(HttpUrl url) {
        return new Endpoint(url.scheme(), url.host(), url.port());
    }

    // Written out: a record's own equals and hashCode are bootstrapped through method handles at their first use
    // in a JVM, milliseconds on the way to a run's first call (class-load logs; docs/performance.md).
    @Override
    public boolean equals(Object other) {
        return other instanceof Endpoint that && port == that.port && scheme.equals(that.scheme) && host.equals(that.host);
    }

    @Override
    public int hashCode() {
        return (scheme.hashCode() * 31 + host.hashCode()) * 31 + port;
    }

    /** {@code host:port}, as log lines show it. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
