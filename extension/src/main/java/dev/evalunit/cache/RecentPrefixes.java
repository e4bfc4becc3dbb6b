package dev.evalunit.cache;

import dev.evalunit.api.spi.ChatMessage;
import java.security.MessageDigest;
import java.util.List;

/**
 * The last two request prefixes one thread wrote for one {@link CacheKeyWriter}: the canonical text up to the
 * sample index, and the SHA-256 states after it. An autorater judges an example on one thread, its samples
 * alternating two prompts (the answers in both orders) that differ only in their sample index from the third
 * sample on; each later sample then hashes only what follows the prefix, from a copy of its state, instead of
 * escaping and hashing its 2-3 KB again. The digests are the same bytes hashed, so the same keys. Not thread safe:
 * each thread has its own.
 */
final class RecentPrefixes {

    /** The canonical text of one request up to, and with, {@code "sample_index":}. */
    static final class Prefix {

        final List<ChatMessage> messages;
        final String schemaText;
        final String text;
        /** {@code text} as UTF-8. */
        final byte[] bytes;
        /** SHA-256 after {@code bytes}: copied, never updated. */
        final MessageDigest key;
        /** SHA-256 after the any-endpoint head and {@code bytes} past the key's head; made at its first need. */
        MessageDigest anyEndpoint;
        /** The canonical text of the last key made from this prefix, and what followed the prefix in it. */
        String lastKeyText;
        byte[] lastTail;

        Prefix(List<ChatMessage> messages, String schemaText, String text, byte[] bytes, MessageDigest key) {
            this.messages = messages;
            this.schemaText = schemaText;
            this.text = text;
            this.bytes = bytes;
            this.key = key;
        }
    }

    private Prefix first;
    private Prefix second;

    /** The prefix of these messages and schema text, or {@code null}. */
    Prefix find(List<ChatMessage> messages, String schemaText) {
        if (matches(first, messages, schemaText)) {
            return first;
        }
        if (matches(second, messages, schemaText)) {
            Prefix found = second;
            second = first;
            first = found;
            return found;
        }
        return null;
    }

    /** The prefix whose last key has exactly this text (the same instance), or {@code null}. */
    Prefix ofKeyText(String keyText) {
        if (first != null && first.lastKeyText == keyText) {
            return first;
        }
        return second != null && second.lastKeyText == keyText ? second : null;
    }

    void add(Prefix prefix) {
        second = first;
        first = prefix;
    }

    private static boolean matches(Prefix prefix, List<ChatMessage> messages, String schemaText) {
        if (prefix == null || prefix.messages.size() != messages.size() || !same(prefix.schemaText, schemaText)) {
            return false;
        }
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage known = prefix.messages.get(i);
            ChatMessage message = messages.get(i);
            if (known != message && !(same(known.content(), message.content()) && same(known.role(), message.role()))) {
                return false;
            }
        }
        return true;
    }

    /** Hash codes first: a string keeps its own, and the two orders of a prompt have the same length. */
    private static boolean same(String known, String other) {
        return known == other || known.hashCode() == other.hashCode() && known.equals(other);
    }
}
