package dev.evalunit.budget;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.Judgment;
import dev.evalunit.api.pairwise.PairwiseResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The kind of an error reason: what went wrong, without what differs from one occurrence to the next
 * (quoted bodies, counts of attempts or tokens, model names), so that fifteen truncated replies quoting
 * fifteen bodies are one kind, counted fifteen times. The kinds: {@code HTTP 503}, {@code timeout},
 * {@code connection failure}, {@code unreadable reply}, {@code not an answer: cut at the token limit}
 * (and the other reasons of {@code NotAnAnswer}), {@code judge reply without verdict}, {@code model
 * unusable}, {@code input over the token limit}, {@code interrupted}; any other reason is its first clause,
 * model names left out and numbers written {@code N}.
 */
@API(status = INTERNAL, since = "0.1")
public final class ErrorKinds {

    /** The kind of a reason that is missing or blank. */
    public static final String NO_REASON = "no reason given";

    private static final Pattern HTTP_STATUS = Pattern.compile("\\bHTTP (\\d{3})\\b");
    private static final Pattern NOT_AN_ANSWER = Pattern.compile("the reply is not an answer: ([^(.:]*)");
    private static final Pattern JUDGE_WITHOUT_VERDICT = Pattern.compile(
            "the reply (is empty|has no JSON object|'s JSON object is not closed|'s \"choice\" is not)"
                    + "|the judge's reply could not be read");
    /** {@code model A [candidate] failed: }, {@code model [judge]: }, {@code all 4 autorater samples failed: }... */
    private static final Pattern PREFIXES = Pattern.compile(
            "^(?:(?:model(?: [AB])?|metric|method) \\[[^\\]]*\\](?: failed)?: |all \\d+ autorater samples failed: "
                    + "|the autorater failed: )+");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private ErrorKinds() {
    }

    /** A kind, told by what a reason contains; the first rule that matches decides. */
    private record Rule(Pattern pattern, Function<MatchResult, String> kind) {
        static Rule literal(String text, String kind) {
            return new Rule(Pattern.compile(Pattern.quote(text)), match -> kind);
        }
    }

    // In this order: an unreadable reply names its status (HTTP 200), a model unusable its 4xx.
    private static final List<Rule> RULES = List.of(
            Rule.literal("cannot be used", "model unusable"),
            Rule.literal("unreadable reply", "unreadable reply"),
            new Rule(NOT_AN_ANSWER, match -> "not an answer: " + match.group(1).strip()),
            new Rule(JUDGE_WITHOUT_VERDICT, match -> "judge reply without verdict"),
            Rule.literal("timed out", "timeout"),
            Rule.literal("connection failed", "connection failure"),
            new Rule(HTTP_STATUS, match -> "HTTP " + match.group(1)),
            Rule.literal("tokens, over the limit of", "input over the token limit"),
            Rule.literal("interrupted", "interrupted"));

    /** The kind of {@code reason}; {@value #NO_REASON} for a missing or blank one. */
    public static String of(String reason) {
        if (reason == null || reason.isBlank()) {
            return NO_REASON;
        }
        for (Rule rule : RULES) {
            Matcher match = rule.pattern().matcher(reason);
            if (match.find()) {
                return rule.kind().apply(match);
            }
        }
        String rest = PREFIXES.matcher(reason.strip()).replaceFirst("");
        int clause = rest.indexOf(": ");
        return NUMBER.matcher(clause < 0 ? rest : rest.substring(0, clause)).replaceAll("N").replaceAll("\\.$", "");
    }

    /** How many of {@code reasons} are of each kind, the most frequent first, ties in order of first appearance. */
    public static Map<String, Long> counts(List<String> reasons) {
        return counts(reasons.stream());
    }

    /** The kinds of the {@code Error} rows among {@code judgments}, read once in order, as {@link #counts(List)} gives them. */
    public static Map<String, Long> ofErrors(List<Judgment> judgments) {
        return counts(judgments.stream().filter(Judgment::isError).map(Judgment::explanation));
    }

    /**
     * The kinds of {@code result}'s {@code Error} rows, as {@link #ofErrors(List)} gives them; when its metrics count
     * no error, none, without reading the judgments again (a run's are read from its file).
     */
    public static Map<String, Long> ofErrors(PairwiseResult result) {
        return result.metrics().errorCount() == 0 ? Map.of() : ofErrors(result.judgments());
    }

    private static Map<String, Long> counts(Stream<String> reasons) {
        Map<String, Long> counts = reasons.collect(Collectors.groupingBy(ErrorKinds::of,
                LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream()
                // A stable sort keeps first appearance among equal counts.
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                        LinkedHashMap::new));
    }
}
