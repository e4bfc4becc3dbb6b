package dev.evalunit.cache;

import dev.evalunit.api.spi.ChatMessage;
import dev.evalunit.api.spi.ModelRequest;
import dev.evalunit.json.JsonText;
import dev.evalunit.json.LastMapText;
import dev.evalunit.model.ModelSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes the {@link CacheKey}s of one model's requests. The canonical text is the fields in key
 * order; the parts its settings decide are written once, here, so that a call only writes its
 * messages and numbers (building and sorting a tree per call was a fifth of a worker's time). The
 * text is the one {@link CanonicalJson} gives for the whole tree, byte for byte.
 *
 * <p>Besides the key, it writes on demand (on a miss, never on a hit) the request's
 * {@linkplain #anyEndpointHash any-endpoint hash}: the hash of the same fields without the endpoint,
 * under key version 1. It is what key version 1 was, so it finds an entry recorded before the
 * endpoint was part of the key, and, stored beside every entry, one recorded against another
 * endpoint: what a miss names instead of missing silently.
 *
 * <p>Each thread keeps its last two prefixes ({@link RecentPrefixes}): the text up to the sample index and the
 * hash states after it, so that another sample of a request hashes only its last hundred bytes or so; and the head
 * its prompts share (a template's instructions), so that a new prompt hashes only what follows that. Thread safe.
 */
final class CacheKeyWriter {

    private static final HexFormat HEX = HexFormat.of();
    /** Bytes past the messages' start that a head must share to be worth a copied state: a few SHA-256 blocks. */
    private static final int MIN_HEAD = 256;

    // The fields in sorted order: endpoint, extra_params, key_version, messages, model, model_name, provider,
    // provider_params (only when the provider has some set: openai's keys stay as they were),
    // response_schema, sample_index, sampling_params, schema_name, system_prompt.
    private final String beforeMessages;
    private final int beforeMessagesBytes;
    /** As {@code beforeMessages}, without the endpoint and at key version 1. */
    private final byte[] anyEndpointHead;
    private final String beforeSchema;
    private final String beforeSchemaName;
    private final String end;
    private final LastMapText schemas = new LastMapText(CanonicalJson::of);
    /** Per thread: dies with this writer (a model's client), not with the thread. */
    private final ThreadLocal<RecentPrefixes> recent = ThreadLocal.withInitial(RecentPrefixes::new);


    CacheKeyWriter(ModelSettings settings) {
        String extraParams = CanonicalJson.of(settings.extraParams());
        beforeMessages = "{\"endpoint\":" + JsonText.string(EndpointIdentity.of(settings.baseUrl()))
                + ",\"extra_params\":" + extraParams + ",\"key_version\":" + CacheKey.VERSION + ",\"messages\":";
        beforeMessagesBytes = beforeMessages.getBytes(StandardCharsets.UTF_8).length;
        anyEndpointHead = ("{\"extra_params\":" + extraParams
                + ",\"key_version\":" + CacheKey.ANY_ENDPOINT_VERSION + ",\"messages\":").getBytes(StandardCharsets.UTF_8);
        beforeSchema = ",\"model\":" + JsonText.string(settings.model())
                + ",\"model_name\":" + JsonText.string(settings.name())
                + ",\"provider\":" + JsonText.string(settings.provider())
                + (settings.providerParams().isEmpty() ? ""
                        : ",\"provider_params\":" + CanonicalJson.of(settings.providerParams()))
                + ",\"response_schema\":";
        beforeSchemaName = ",\"sampling_params\":" + CanonicalJson.of(settings.samplingParams())
                + ",\"schema_name\":";
        end = ",\"system_prompt\":" + JsonText.string(settings.systemPrompt()) + "}";
    }

    CacheKey keyOf(ModelRequest request) {
        RecentPrefixes prefixes = recent.get();
        String schemaText = schemas.of(request.responseSchema());
        RecentPrefixes.Prefix prefix = prefixes.find(request.messages(), schemaText);
        if (prefix == null) {
            prefix = prefix(prefixes, request.messages(), schemaText);
            prefixes.add(prefix);
        }
        StringBuilder tail = new StringBuilder(beforeSchemaName.length() + end.length() + 32)
                .append(request.sampleIndex()).append(beforeSchemaName);
        String tailText = JsonText.appendString(tail, request.schemaName()).append(end).toString();
        byte[] tailBytes = tailText.getBytes(StandardCharsets.UTF_8);
        String text = prefix.text.concat(tailText);
        prefix.lastKeyText = text;
        prefix.lastTail = tailBytes;
        return new CacheKey(HEX.formatHex(copy(prefix.key).digest(tailBytes)), text);
    }

    /** The hash of {@code request} whatever its endpoint: the key version 1 had. Only on a miss. */
    String anyEndpointHash(ModelRequest request) {
        return anyEndpointHash(keyOf(request));
    }

    /**
     * The hash of the request of {@code key} (one of this writer's) whatever its endpoint: its canonical text
     * with the head of version 1 instead of its own. Both heads end where the messages start, and the rest is
     * the same, so the rest is not written (nor escaped) again; for the key this thread made last from one of
     * its recent prefixes, nor is the prefix hashed again.
     */
    String anyEndpointHash(CacheKey key) {
        RecentPrefixes.Prefix prefix = recent.get().ofKeyText(key.canonicalJson());
        if (prefix == null) {
            MessageDigest digest = newSha256();
            digest.update(anyEndpointHead);
            return HEX.formatHex(digest.digest(
                    key.canonicalJson().substring(beforeMessages.length()).getBytes(StandardCharsets.UTF_8)));
        }
        if (prefix.anyEndpoint == null) {
            RecentPrefixes.Head head = prefix.head;
            if (head != null && head.anyEndpoint == null) {
                head.anyEndpoint = anyEndpointState(head.bytes, head.length);
            }
            int from = head == null ? beforeMessagesBytes : head.length;
            MessageDigest digest = head == null ? anyEndpointState(prefix.bytes, from) : copy(head.anyEndpoint);
            digest.update(prefix.bytes, from, prefix.bytes.length - from);
            prefix.anyEndpoint = digest;
        }
        return HEX.formatHex(copy(prefix.anyEndpoint).digest(prefix.lastTail));
    }

    /**
     * The canonical text of a request with these messages and schema text up to its sample index, and its hash
     * state: from the state after the head it shares with this thread's other prompts, when it does.
     */
    private RecentPrefixes.Prefix prefix(RecentPrefixes prefixes, List<ChatMessage> messages, String schemaText) {
        int size = beforeMessages.length() + beforeSchema.length() + schemaText.length() + 64;
        for (ChatMessage message : messages) {
            size += message.content().length() + 32;
        }
        StringBuilder canonical = new StringBuilder(size).append(beforeMessages).append('[');
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            canonical.append(i == 0 ? "{\"content\":" : ",{\"content\":");
            JsonText.appendString(canonical, message.content()).append(",\"role\":");
            JsonText.appendString(canonical, message.role()).append('}');
        }
        String text = canonical.append(']').append(beforeSchema).append(schemaText).append(",\"sample_index\":").toString();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        RecentPrefixes.Head head = prefixes.head(bytes, beforeMessagesBytes + MIN_HEAD);
        if (head != null && head.key == null) {
            head.key = newSha256();
            head.key.update(bytes, 0, head.length);
        }
        int from = head == null ? 0 : head.length;
        MessageDigest key = head == null ? newSha256() : copy(head.key);
        key.update(bytes, from, bytes.length - from);
        return new RecentPrefixes.Prefix(messages, schemaText, text, bytes, key, head);
    }

    /** SHA-256 after the any-endpoint head and {@code bytes} from the messages' start up to {@code end}. */
    private MessageDigest anyEndpointState(byte[] bytes, int end) {
        MessageDigest state = newSha256();
        state.update(anyEndpointHead);
        state.update(bytes, beforeMessagesBytes, end - beforeMessagesBytes);
        return state;
    }

    private static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
    }

    private static MessageDigest newSha256() {
        return copy(Fresh.SHA_256);
    }

    /**
     * A state never updated, copied for each new one: cheaper than asking the security providers. Made at the
     * first key, not when the class loads, so that the run's preinitializer has set SHA-256 up by then.
     */
    private static final class Fresh {
        static final MessageDigest SHA_256 = sha256();

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }
    }
}
