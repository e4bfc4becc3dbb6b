#!/usr/bin/env bash
# A sharded evaluation in plain shell (docs/sharding.md): runs the tests once per shard, each with its
# shard and its own report directory, then merges the shards' files and applies the gates. On one
# machine the shards run one after the other; on several, run each "mvn test" line on its own machine
# and copy the report directories back before the merge.
# Usage: sharded-run.sh N [--gate METRIC>=VALUE]...
# MVN (default "mvn -B") runs the tests; EVALUNIT (default "java -jar evalunit-cli.jar") is the command line;
# SHARDS_DIR (default target/evalunit-shards) receives shard-1 ... shard-N and merged.
set -euo pipefail
shards="$1"
shift
out="${SHARDS_DIR:-target/evalunit-shards}"
mvn="${MVN:-mvn -B}"
evalunit="${EVALUNIT:-java -jar evalunit-cli.jar}"
rm -rf "$out"
for k in $(seq 1 "$shards"); do
  # Each shard runs its part of every evaluation and writes partial files; its tests end as skipped.
  $mvn test -Devalunit.shard="$k/$shards" -Devalunit.report.dir="$out/shard-$k"
done
# The merge writes what a single run writes, then exits 0 (gates hold), 1 (a gate failed) or 2 (bad shards).
$evalunit merge --output "$out/merged" "$@" "$out"/shard-*
