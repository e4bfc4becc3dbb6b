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

    /** {@code host:port}, as log lines show it. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
