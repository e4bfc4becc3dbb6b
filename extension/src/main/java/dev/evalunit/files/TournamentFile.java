package dev.evalunit.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.api.pairwise.PairwiseResult;
import dev.evalunit.api.pairwise.TournamentResult;
import dev.evalunit.api.pairwise.TournamentStanding;
import dev.evalunit.json.JsonWriting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import dev.evalunit.config.ConfigurationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The tournament file ({@value TournamentResult#TOURNAMENT_FILE}), beside the pairings' folders:
 * {@code name}, {@code baseline}, {@code bootstrap_rounds}, {@code seed}, {@code ranking} (per candidate,
 * best first: {@code model}, {@code rank}, {@code score}, {@code ci_low}, {@code ci_high}, {@code battles}),
 * {@code unranked}, {@code pairings} ({@code name}, {@code model_a}, {@code model_b}, {@code folder}), then the
 * whole tournament's {@code tokens} and {@code cost_usd} when given (as in {@code metrics.json}).
 */
@API(status = INTERNAL, since = "0.1")
public final class TournamentFile {

    private TournamentFile() {
    }

    /** Writes the file into the tournament's folder (created if needed); returns it. */
    public static Path write(TournamentResult result) {
        return write(result, Map.of());
    }

    /**
     * @param usage fields added after the pairings: the tournament's {@code tokens} and {@code cost_usd}
     *     ({@code cost.UsageFields})
     */
    public static Path write(TournamentResult result, Map<String, Object> usage) {
        try {
            Files.createDirectories(result.reportDirectory());
            Path file = result.reportDirectory().resolve(TournamentResult.TOURNAMENT_FILE);
            Files.writeString(file, text(result, usage) + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("evalunit could not write the tournament file of [" + result.name() + "] to "
                    + result.reportDirectory(), e);
        }
    }

    /** The file's JSON object, pretty-printed, without a final line end. */
    public static String text(TournamentResult result) {
        return text(result, Map.of());
    }

    private static String text(TournamentResult result, Map<String, Object> usage) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", result.name());
        json.put("baseline", result.baseline());
        json.put("bootstrap_rounds", result.bootstrapRounds());
        json.put("seed", result.seed());
        List<Map<String, Object>> ranking = new ArrayList<>();
        for (TournamentStanding s : result.standings()) {
            ranking.add(RankingRows.row(s.model(), s.rank(), s.score(), s.ciLow(), s.ciHigh(), s.battles()));
        }
        json.put("ranking", ranking);
        json.put("unranked", result.unranked());
        List<Map<String, Object>> pairings = new ArrayList<>();
        for (PairwiseResult p : result.pairings()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", p.name());
            row.put("model_a", p.modelA());
            row.put("model_b", p.modelB());
            row.put("folder", result.reportDirectory().relativize(p.reportDirectory()).toString());
            pairings.add(row);
        }
        json.put("pairings", pairings);
        json.putAll(usage);
        return JsonWriting.prettyText(json);
    }

    /**
     * The name a tournament file gives its tournament.
     *
     * @throws ConfigurationException when the file is missing or is not a tournament file
     */
    public static String name(Path file) {
        return JsonFiles.readObject(file, "tournament file").text("name");
    }
}
