package dev.evalunit.provider;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.apiguardian.api.API;

/** Reading a provider's JSON reply: the body as an object, and the token counts in it. */
@API(status = INTERNAL, since = "0.1")
public final class ReplyJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplyJson() {
    }

    /** The reply in {@code body}; empty when the body is not a JSON object. */
    public static Optional<JsonNode> object(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            return root != null && root.isObject() ? Optional.of(root) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** A token count: a non-negative int, else {@code null} (missing, or not a count). */
    public static Integer count(JsonNode node) {
        return node.isInt() && node.intValue() >= 0 ? node.intValue() : null;
    }
}
