package dev.evalunit.api.result;

/** The order in which a sample showed the answers: {@code AB} as given, {@code BA} swapped. */
public enum Position {
    AB, BA
}
