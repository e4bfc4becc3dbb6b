package dev.evalunit.report;

import dev.evalunit.api.result.Choice;
import java.util.Locale;
import java.util.Optional;

/** Reads a human preference cell as DESIGN.md allows it: {@code A} / {@code B} (or {@code Model A} / {@code Model B}), {@code TIE}. */
final class HumanLabel {

    private HumanLabel() {
    }

    /** The choice the human made, or empty when the cell is missing or not one of the allowed labels. */
    static Optional<Choice> parse(String cell) {
        if (cell == null) {
            return Optional.empty();
        }
        return switch (cell.trim().toUpperCase(Locale.ROOT)) {
            case "A", "MODEL A" -> Optional.of(Choice.MODEL_A);
            case "B", "MODEL B" -> Optional.of(Choice.MODEL_B);
            case "TIE" -> Optional.of(Choice.TIE);
            default -> Optional.empty();
        };
    }
}
