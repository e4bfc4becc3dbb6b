package dev.evalunit.autorater;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.nio.charset.StandardCharsets;
import org.apiguardian.api.API;

/**
 * Counts tokens the way current OpenAI models do ({@code o200k_base}). Other providers tokenize
 * differently, so the limit is an estimate that is the same for every judge, which is what makes
 * it predictable in CI.
 */
@API(status = INTERNAL, since = "0.1")
public final class TokenLimit {
    /** Loading the encoding takes most of a second and ~100 MB of garbage: only when first needed. */
    private static final class Holder {
        static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
        static final int SYSTEM_MESSAGE_TOKENS = count(AutoraterPrompts.SYSTEM_MESSAGE);
    }

    static int systemMessageTokens() {
        return Holder.SYSTEM_MESSAGE_TOKENS;
    }

    /**
     * UTF-8 length of {@code text}: an upper bound of its token count. Encoded rather than counted char by
     * char: the JDK's encoder (a copy, for Latin-1 text) takes 22 us for a 2,440-char prompt before the JIT
     * compiles it, a loop of charAt 830 us, which showed in the profile of a rerun from the cache; compiled,
     * both take under a microsecond.
     */
    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Whether {@code prefixBytes} plus the UTF-8 length of {@code text} is at most {@code limit}: at once when
     * even 3 bytes per char fit (a char is at most 3 UTF-8 bytes; a surrogate pair, 4 for 2), else by counting.
     */
    static boolean withinBytes(int prefixBytes, String text, int limit) {
        return prefixBytes + 3L * text.length() <= limit || prefixBytes + utf8Length(text) <= limit;
    }

    /** The number of tokens of {@code text}, special tokens read as plain text; 0 for {@code null}. */
    public static int count(String text) {
        return text == null || text.isEmpty() ? 0 : Holder.ENCODING.countTokensOrdinary(text);
    }

    private TokenLimit() {
    }
}
