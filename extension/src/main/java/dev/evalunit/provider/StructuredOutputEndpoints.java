package dev.evalunit.provider;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import org.apiguardian.api.API;

/**
 * What a run has learnt about structured output, per endpoint: one {@link StructuredOutputFallback} per
 * request URL, shared by every client of the run that posts to it (each evaluation's clients, every
 * model on that server). So a server that refuses structured output costs that one refusal once per
 * endpoint and run. A provider gets it from its context:
 * {@code context.unwrap(StructuredOutputEndpoints.class)}. Thread safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class StructuredOutputEndpoints {

    private final Map<String, StructuredOutputFallback> endpoints = new ConcurrentHashMap<>();

    /**
     * The fallback of {@code endpoint}, made on first use.
     *
     * @param endpoint the URL requests are posted to, e.g. {@code http://127.0.0.1:8080/v1/chat/completions}
     * @param fields the request fields that ask for structured output, as a server's refusal names them
     */
    public StructuredOutputFallback of(HttpUrl endpoint, String... fields) {
        return endpoints.computeIfAbsent(endpoint.toString(), url -> new StructuredOutputFallback(fields));
    }
}
