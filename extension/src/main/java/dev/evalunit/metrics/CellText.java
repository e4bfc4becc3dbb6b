package dev.evalunit.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * A row cell as the judge reads it. A list of passages (a {@code retrieval_context} is often one,
 * and JSONL cells hold arrays as their JSON text) becomes numbered passages, so the judge can tell
 * them apart; anything else is its text, stripped.
 */
final class CellText {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static String of(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            return passages(list.stream().map(item -> item == null ? "" : item.toString()).toList());
        }
        String text = value.toString().strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            List<String> items = jsonStrings(text);
            if (items != null) {
                return passages(items);
            }
        }
        return text;
    }

    private static String passages(List<String> items) {
        if (items.size() == 1) {
            return items.get(0).strip();
        }
        List<String> numbered = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            numbered.add("[" + (i + 1) + "] " + items.get(i).strip());
        }
        return String.join("\n\n", numbered);
    }

    /** The items of a JSON array of scalars, or {@code null} when the text is not one. */
    private static List<String> jsonStrings(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isArray()) {
                return null;
            }
            List<String> items = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isValueNode()) {
                    return null;
                }
                items.add(item.asText());
            }
            return items;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private CellText() {
    }
}
