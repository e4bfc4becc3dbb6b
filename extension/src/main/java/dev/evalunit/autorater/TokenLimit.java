package dev.evalunit.autorater;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens the way current OpenAI models do ({@code o200k_base}). Other providers tokenize
 * differently, so the limit is an estimate that is the same for every judge, which is what makes
 * it predictable in CI.
 */
public final class TokenLimit {
    // Loading the encodings takes a noticeable fraction of a second: do it once per JVM.
    private static final Encoding ENCODING =
            Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    /** The number of tokens of {@code text}, special tokens read as plain text; 0 for {@code null}. */
    public static int count(String text) {
        return text == null || text.isEmpty() ? 0 : ENCODING.countTokensOrdinary(text);
    }

    private TokenLimit() {
    }
}
