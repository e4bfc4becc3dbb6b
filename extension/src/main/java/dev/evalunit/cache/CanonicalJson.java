package dev.evalunit.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evalunit.json.JsonText;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * JSON written one way only: object keys sorted at every depth, no whitespace. Two requests that
 * differ only in the order their parameters were declared give the same text, hence the same key.
 */
final class CanonicalJson {

    /** Made when first needed: most runs write every key with JsonText and never need a mapper. */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    private CanonicalJson() {
    }

    static String write(JsonNode node) {
        try {
            return Mapper.JSON.writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            ObjectNode sorted = Mapper.JSON.createObjectNode();
            for (String name : names) {
                sorted.set(name, sorted(node.get(name)));
            }
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode array = Mapper.JSON.createArrayNode();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                array.add(sorted(it.next()));
            }
            return array;
        }
        return node;
    }

    /** The canonical text of a JSON-like Java value: written directly, through a tree only for other types. */
    static String of(Object value) {
        StringBuilder out = new StringBuilder(64);
        return JsonText.appendValue(out, value, true) ? out.toString() : write(tree(value));
    }

    static JsonNode tree(Object value) {
        return value == null ? Mapper.JSON.nullNode() : Mapper.JSON.valueToTree(value);
    }
}
