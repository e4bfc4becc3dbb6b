package dev.evalunit.cache;

import dev.evalunit.api.spi.ChatMessage;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

/**
 * The last two request prefixes one thread wrote for one {@link CacheKeyWriter}: the canonical text up to the
 * sample index, and the SHA-256 states after it. An autorater judges an example on one thread, its samples
 * alternating two prompts (the answers in both orders) that differ only in their sample index from the third
 * sample on; each later sample then hashes only what follows the prefix, from a copy of its state, instead of
 * escaping and hashing its 2-3 KB again.
 *
 * <p>It also keeps the {@linkplain Head head} its prefixes share: the prompts of one template (an autorater's
 * instructions, a dataset's system prompt) start with the same text, so a new prompt hashes only what follows it.
 * The digests are the same bytes hashed, so the same keys. Not thread safe: each thread has its own.
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
        /** The head {@code key} was hashed on from, or {@code null}. */
        final Head head;
        /** SHA-256 after the any-endpoint head and {@code bytes} past the key's head; made at its first need. */
        MessageDigest anyEndpoint;
        /** The canonical text of the last key made from this prefix, and what followed the prefix in it. */
        String lastKeyText;
        byte[] lastTail;

        Prefix(List<ChatMessage> messages, String schemaText, String text, byte[] bytes, MessageDigest key, Head head) {
            this.messages = messages;
            this.schemaText = schemaText;
            this.text = text;
            this.bytes = bytes;
            this.key = key;
            this.head = head;
        }
    }

    /**
     * The first {@code length} bytes of {@code bytes}: where a new prefix and the newest one before it
     * stopped being the same, and the SHA-256 states after them. Kept while the prefixes that follow start with
     * it; the first that does not replaces it with what it shares with the newest. So a thread's head settles, after
     * a prompt or two, on what all its prompts share (the samples of one example share more: the head is not
     * taken from them while the one known still fits).
     */
    static final class Head {

        final byte[] bytes;
        final int length;
        /** SHA-256 after the head; set by the writer at the first need, then copied, never updated. */
        MessageDigest key;
        /** SHA-256 after the any-endpoint head and the head past the key's head; as {@code key}. */
        MessageDigest anyEndpoint;

        Head(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
        }

        boolean startOf(byte[] other) {
            return other.length >= length && Arrays.equals(bytes, 0, length, other, 0, length);
        }
    }

    private Prefix first;
    private Prefix second;
    private Head head;

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

    /**
     * The head {@code bytes} (a new prefix's) starts with: the one known, or else what it shares with the newest
     * prefix, when that is at least {@code minLength} bytes; otherwise {@code null}.
     */
    Head head(byte[] bytes, int minLength) {
        if (head != null && head.startOf(bytes)) {
            return head;
        }
        if (first == null) {
            return null;
        }
        int shared = Arrays.mismatch(bytes, first.bytes);
        int length = shared < 0 ? bytes.length : shared;
        if (length < minLength) {
            return null;
        }
        head = new Head(first.bytes, length);
        return head;
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
