#!/usr/bin/env bash
# The benchmark of issue 5 in one command: builds the benchmark jar (no tests run) and runs it.
#   bench/run.sh --examples 2000 --concurrency 64 --latency-ms 100 --samples 4
# Options: bench/run.sh --help. Progress goes to standard error; the last line on standard output is
# the result as JSON. EVALUNIT_BUILD_SUFFIX (e.g. -p) builds into target<suffix>/ as the parallel
# builds of this repository do; BENCH_MVN_ARGS adds Maven options (e.g. -o for offline).
set -euo pipefail
cd "$(dirname "$0")/.."
suffix="${EVALUNIT_BUILD_SUFFIX:-}"
# shellcheck disable=SC2086 # BENCH_MVN_ARGS is a list of options
mvn -B -q -Dstyle.color=never ${BENCH_MVN_ARGS:-} -DbuildSuffix="$suffix" -pl bench -am package -DskipTests -Dmaven.test.skip=true >&2
exec java -jar "bench/target${suffix}/evalunit-bench.jar" "$@"
