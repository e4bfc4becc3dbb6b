package dev.evalunit.files;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.evalunit.shard.Shard;
import org.apiguardian.api.API;

/** What every shard file says first: which part it is, and of what ({@link dev.evalunit.shard.SpecIdentity}). */
@API(status = INTERNAL, since = "0.1")
public interface ShardIdentity {

    /** K/N. */
    Shard shard();

    /** The identity of the evaluation or set: equal in all its shards. */
    String spec();
}
