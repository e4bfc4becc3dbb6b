package dev.evalunit.junit;

import dev.evalunit.shard.Shard;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test of a sharded run does once its evaluation's part has run and its files are written: it does
 * not hold a part to the evaluation's gates (the error budget, the assertions in its body, a set's checks),
 * whose figures only the merge of every shard has. The run says so on the console, once per evaluation, and
 * the test ends as aborted (skipped) with the same reason, so that a shard's build passes and
 * {@code evalunit merge} applies the gates.
 */
final class ShardGates {

    private ShardGates() {
    }

    /**
     * Prints why the gates are not applied; returns the reason.
     *
     * @param unit what the evaluation counts: examples, rows
     */
    static String announce(String evaluation, Shard shard, long ran, long total, String unit) {
        String reason = "[evalunit] " + evaluation + ": shard " + shard.label() + " ran " + ran + " of " + total + " "
                + unit + "; gates (error budget, assertions) are not applied to a partial run: evalunit merge applies them";
        System.out.println(reason);
        return reason;
    }

    /**
     * @throws org.opentest4j.TestAbortedException always, with {@code reason}
     */
    static void abort(String reason) {
        Assumptions.abort(reason);
    }

    /**
     * A tournament is not split into shards: shard 1 runs it whole (its gates apply there, as in any run) and every
     * other shard skips its tests, which {@code evalunit merge} then takes from shard 1's directory. Ends the
     * calling test as aborted in shards 2 to N; does nothing otherwise.
     */
    static void skipTournamentUnlessFirst(String tournament, Shard shard) {
        if (shard.isPartial() && shard.index() != 1) {
            abort("[evalunit] tournament " + tournament + ": not split into shards; shard 1/" + shard.count()
                    + " runs it whole, and evalunit merge takes its files from there");
        }
    }
}
