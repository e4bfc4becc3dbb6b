package dev.evalunit.junit;

import dev.evalunit.shard.Shard;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test of a sharded run does once its evaluation's part has run and its files are written: it does
 * not hold a part to the evaluation's gates (the error budget, the assertions in its body), whose figures
 * only the merge of every shard has. It says so on the console and ends as aborted (skipped), with the same
 * reason, so that a shard's build passes and the gates are applied by {@code evalunit merge}.
 */
final class ShardGates {

    private ShardGates() {
    }

    /**
     * @throws org.opentest4j.TestAbortedException always, naming the shard and its examples
     */
    static void skip(String evaluation, Shard shard, int examples, int total) {
        String reason = "[evalunit] " + evaluation + ": shard " + shard.label() + " ran " + examples + " of " + total
                + " examples; gates (error budget, assertions) are not applied to a partial run: evalunit merge applies them";
        System.out.println(reason);
        Assumptions.abort(reason);
    }
}
