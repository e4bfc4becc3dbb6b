/**
 * Sharded runs: which examples a run of {@code evalunit.shard=K/N} covers ({@link dev.evalunit.shard.Shard}),
 * and the identity a shard's files record so that {@code evalunit merge} can check them
 * ({@link dev.evalunit.shard.SpecIdentity}).
 */
package dev.evalunit.shard;
