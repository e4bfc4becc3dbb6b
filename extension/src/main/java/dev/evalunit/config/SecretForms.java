package dev.evalunit.config;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * The ways a key may be written back by a server or a library: as is, URL-encoded (upper- or
 * lower-case hex, e.g. in a query string an error quotes) and JSON-escaped (with or without
 * {@code \/}), and their masking. Every place that hides a key (error excerpts, the cache) masks
 * through this class, with the same {@link #MASK}.
 */
@API(status = INTERNAL, since = "0.1")
public final class SecretForms {

    /** What a key is replaced by. */
    public static final String MASK = "***";

    private SecretForms() {
    }

    /** The distinct forms of {@code key}, longest first, so that no form is masked only in part. */
    public static List<String> of(String key) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(key);
        String encoded = URLEncoder.encode(key, StandardCharsets.UTF_8);
        forms.add(encoded);
        forms.add(lowerCaseHex(encoded));
        String json = jsonEscaped(key);
        forms.add(json);
        forms.add(json.replace("/", "\\/"));
        return forms.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /**
     * {@code forms} (as {@link #of} or this method made them) with the forms of {@code key} added,
     * longest first: for a holder that learns keys one by one.
     */
    public static List<String> adding(List<String> forms, String key) {
        List<String> all = new ArrayList<>(forms);
        of(key).stream().filter(form -> !all.contains(form)).forEach(all::add);
        all.sort(Comparator.comparingInt(String::length).reversed());
        return List.copyOf(all);
    }

    /** {@code text} with every form of every key in {@code forms} replaced by {@link #MASK}. */
    public static String mask(String text, Iterable<String> forms) {
        String masked = text;
        for (String form : forms) {
            masked = masked.replace(form, MASK);
        }
        return masked;
    }

    private static String lowerCaseHex(String encoded) {
        StringBuilder out = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            boolean escape = c == '%' && i + 2 < encoded.length();
            out.append(escape ? encoded.substring(i, i + 3).toLowerCase(Locale.ROOT) : String.valueOf(c));
            i += escape ? 2 : 0;
        }
        return out.toString();
    }

    private static String jsonEscaped(String key) {
        StringBuilder out = new StringBuilder(key.length() + 8);
        for (char c : key.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
