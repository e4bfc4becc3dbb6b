package dev.evalunit.cache;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * What of a model's base URL decides which server answers, as the cache key records it: scheme, host,
 * port (left out when it is the scheme's default) and path, without a trailing slash. Left out: user
 * info and query (they may carry credentials, and the key is stored in plain text) and the fragment.
 * A loopback host ({@code localhost}, {@code 127.x.x.x}, {@code [::1]}) on any port is written
 * {@code loopback}: a stand-in server on a random port of this machine is one endpoint, whatever port
 * each run gets. So {@code https://API.example.com:443/v1/} is {@code https://api.example.com/v1} and
 * {@code http://127.0.0.1:54321/v1} is {@code http://loopback/v1}.
 */
final class EndpointIdentity {

    static final String LOOPBACK = "loopback";

    private EndpointIdentity() {
    }

    static String of(String baseUrl) {
        String trimmed = baseUrl.strip();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            return withoutQuery(trimmed);
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            return withoutQuery(trimmed);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String authority;
        if (isLoopback(host)) {
            authority = LOOPBACK;
        } else {
            int port = uri.getPort();
            boolean defaultPort = port == -1 || port == 443 && scheme.equals("https") || port == 80 && scheme.equals("http");
            authority = defaultPort ? host : host + ":" + port;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return scheme + "://" + authority + stripTrailingSlashes(path);
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("[::1]") || host.equals("[0:0:0:0:0:0:0:1]")
                || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** Not a URL (a provider that is not HTTP): the text as given, without what may follow a {@code ?} or sit before an {@code @}. */
    private static String withoutQuery(String text) {
        int query = text.indexOf('?');
        String head = query < 0 ? text : text.substring(0, query);
        int at = head.lastIndexOf('@');
        return stripTrailingSlashes(at < 0 ? head : head.substring(at + 1));
    }

    private static String stripTrailingSlashes(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }
}
