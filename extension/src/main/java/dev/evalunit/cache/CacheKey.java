package dev.evalunit.cache;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalunit.api.spi.ChatMessage;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.model.ModelSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The address of one model call in the cache.
 *
 * <p>Made of what decides the reply and nothing else: never the API key; not the base URL either
 * (a stand-in server on a random port must still hit, and a URL may carry credentials), nor the
 * timeout or retries. The declared model name is part of it: with the endpoint left out, the name is
 * what keeps two endpoints serving the same model id apart; renaming a model records it afresh.
 *
 * @param hash the SHA-256 of {@code canonicalJson}, 64 lower-case hex digits: the entry's file name
 * @param canonicalJson the fields hashed, keys sorted, no whitespace; stored beside the reply for people
 */
public record CacheKey(String hash, String canonicalJson) {

    /** Raised whenever the fields change, so that old entries miss instead of answering another request. */
    static final int VERSION = 1;

    public static CacheKey of(ModelSettings settings, ModelRequest request) {
        ObjectNode fields = CanonicalJson.mapper().createObjectNode();
        fields.put("key_version", VERSION);
        fields.put("model_name", settings.name());
        fields.put("provider", settings.provider());
        fields.put("model", settings.model());
        fields.put("system_prompt", settings.systemPrompt());
        fields.set("sampling_params", CanonicalJson.tree(settings.samplingParams()));
        fields.set("extra_params", CanonicalJson.tree(settings.extraParams()));
        ArrayNode messages = fields.putArray("messages");
        for (ChatMessage message : request.messages()) {
            messages.addObject().put("role", message.role()).put("content", message.content());
        }
        fields.set("response_schema", schemaTree(request.responseSchema()));
        fields.put("schema_name", request.schemaName());
        fields.put("sample_index", request.sampleIndex());
        String canonical = CanonicalJson.write(fields);
        return new CacheKey(sha256(canonical), canonical);
    }

    /** The last schema seen and its sorted tree: an autorater sends an equal schema on every call. */
    private record SchemaTree(Object schema, com.fasterxml.jackson.databind.JsonNode tree) {
    }

    private static volatile SchemaTree lastSchema = new SchemaTree(null, CanonicalJson.tree(null));

    private static com.fasterxml.jackson.databind.JsonNode schemaTree(Object schema) {
        SchemaTree last = lastSchema;
        if (java.util.Objects.equals(last.schema(), schema)) {
            return last.tree();
        }
        SchemaTree fresh = new SchemaTree(schema, CanonicalJson.sorted(CanonicalJson.tree(schema)));
        lastSchema = fresh;
        return fresh.tree();
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
