package dev.evalunit.http;

import dev.evalunit.api.spi.ModelSpec;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Tells a reply that proves a model cannot work, whatever the request, from one that concerns this
 * request only, and words it: the model, the URL, the server's own message and what to check.
 * <ul>
 *   <li>401 or 403: the key is refused — check the key reference;
 *   <li>404 whose body names the model (or says {@code model_not_found}): check the model id;
 *   <li>any other 404, a 405, an HTML page, a 2xx whose body is not JSON: the URL is not the API —
 *       check the base URL.
 * </ul>
 * 429, 408 and 5xx are never among them: they are transient, and retried.
 */
final class UnusableReplies {

    private final String modelName;
    private final String modelId;
    private final String baseUrl;
    private final String keyReference;
    private final SecretScrubber scrubber;

    /** @param keyReference the key's reference ({@code ${env:NAME}}), or {@code null} when the model sends none */
    UnusableReplies(ModelSpec spec, String keyReference, SecretScrubber scrubber) {
        this.modelName = spec.name();
        this.modelId = spec.model();
        this.baseUrl = scrubber.scrub(spec.baseUrl());
        this.keyReference = keyReference == null || keyReference.isBlank() ? null : keyReference;
        this.scrubber = scrubber;
    }

    /** The message of a reply that proves the model unusable, or empty for any other reply. */
    Optional<String> diagnose(HttpExchange exchange, HttpUrl url) {
        int code = exchange.code();
        String body = exchange.body();
        String check;
        if (exchange.successful()) {
            if (ServerQuote.looksLikeJson(body)) {
                return Optional.empty();
            }
            check = baseUrlCheck();
        } else if (code == 401) {
            check = keyReference == null ? "Check its API key: it sends none, and the server asks for one"
                    : "Check its API key [" + keyReference + "]: the server refused it";
        } else if (code == 403) {
            check = "Check its API key" + (keyReference == null ? "" : " [" + keyReference + "]")
                    + " and whether it may use model id [" + modelId + "]: the server refused access";
        } else if (code == 404 && namesTheModel(body)) {
            check = "Check its model id [" + modelId + "]: the server does not know it";
        } else if (code == 404 || code == 405 || (code < 500 && code != 408 && code != 429 && ServerQuote.isHtml(body))) {
            check = baseUrlCheck();
        } else {
            return Optional.empty();
        }
        // The sentence that follows ends the quote: a provider's own full stop is not doubled.
        String quote = scrubber.excerpt(body).replaceAll("\\.+$", "");
        String what = "HTTP " + code + " from [" + scrubber.scrub(url.toString()) + "]"
                + (exchange.successful() ? " is not JSON" : "");
        return Optional.of("model [" + modelName + "] cannot be used: " + what + (quote.isEmpty() ? "" : ": " + quote)
                + ". " + check + ". No further request is sent to model [" + modelName + "].");
    }

    private String baseUrlCheck() {
        return "Check its base URL [" + baseUrl + "]: it must be the API's root (does it end in /v1?)";
    }

    private boolean namesTheModel(String body) {
        return body.contains(modelId) || body.toLowerCase(Locale.ROOT).contains("model_not_found");
    }
}
