package dev.evalunit.samples.support;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the stand-in's quiz models can know: the capitals of {@code datasets/capitals.jsonl}, each
 * with the city people mistake for it (the largest city, or the capital before a move). The
 * obscure ones are those a smaller model plausibly gets wrong; {@link ScriptedRecaller} lets only
 * the well-read model know them.
 */
final class CapitalFacts {

    /**
     * @param country as the questions write it
     * @param capital the right answer
     * @param mistakenFor the city a model that does not know says instead
     * @param obscure whether only the well-read model knows it
     */
    record Capital(String country, String capital, String mistakenFor, boolean obscure) {
    }

    static final List<Capital> ALL = List.of(
            new Capital("Australia", "Canberra", "Sydney", false),
            new Capital("Canada", "Ottawa", "Toronto", false),
            new Capital("Turkey", "Ankara", "Istanbul", false),
            new Capital("New Zealand", "Wellington", "Auckland", false),
            new Capital("Morocco", "Rabat", "Casablanca", false),
            new Capital("Vietnam", "Hanoi", "Ho Chi Minh City", false),
            new Capital("Pakistan", "Islamabad", "Karachi", false),
            new Capital("Nigeria", "Abuja", "Lagos", false),
            new Capital("Tanzania", "Dodoma", "Dar es Salaam", false),
            new Capital("Côte d'Ivoire", "Yamoussoukro", "Abidjan", false),
            new Capital("Myanmar", "Naypyidaw", "Yangon", true),
            new Capital("Benin", "Porto-Novo", "Cotonou", true),
            new Capital("Burundi", "Gitega", "Bujumbura", true),
            new Capital("Palau", "Ngerulmud", "Koror", true));

    // Longest name first, so that a country whose name contains another's is found as itself.
    private static final List<Capital> BY_NAME_LENGTH = ALL.stream()
            .sorted(Comparator.comparingInt((Capital c) -> c.country().length()).reversed())
            .toList();

    private CapitalFacts() {
    }

    /** The country the prompt asks about: the one of the table it names (ignoring case), the longest name if several. */
    static Optional<Capital> askedAbout(String prompt) {
        String text = prompt == null ? "" : prompt.toLowerCase(Locale.ROOT);
        return BY_NAME_LENGTH.stream()
                .filter(c -> text.contains(c.country().toLowerCase(Locale.ROOT)))
                .findFirst();
    }
}
