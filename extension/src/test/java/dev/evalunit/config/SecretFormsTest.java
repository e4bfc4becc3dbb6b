package dev.evalunit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The forms of a key")
class SecretFormsTest {

    private static final String KEY = "sk-" + "forms/te+st=\"x";

    @Test
    @DisplayName("are the key, URL-encoded in upper- and lower-case hex, and JSON-escaped with and without \\/")
    void forms() {
        assertThat(SecretForms.of(KEY)).containsExactlyInAnyOrder(KEY, "sk-forms%2Fte%2Bst%3D%22x",
                "sk-forms%2fte%2bst%3d%22x", "sk-forms/te+st=\\\"x", "sk-forms\\/te+st=\\\"x");
    }

    @Test
    @DisplayName("are all masked, each whole")
    void masked() {
        String text = "raw " + KEY + ", url ?key=sk-forms%2Fte%2Bst%3D%22x, json {\"k\": \"sk-forms\\/te+st=\\\"x\"}";

        assertThat(SecretForms.mask(text, SecretForms.of(KEY)))
                .isEqualTo("raw ***, url ?key=***, json {\"k\": \"***\"}");
        assertThat(SecretForms.mask(text, List.of())).isEqualTo(text);
    }
}
